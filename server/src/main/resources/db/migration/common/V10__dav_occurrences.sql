-- The occurrence index of calendar objects (ADR 0012): one row per instance of each VEVENT, recurring
-- events expanded up to a horizon, written in the same transaction as the object. Time-range queries,
-- free-busy and expand read the instances in range instead of parsing every candidate object.
--
-- occ_until on dav_object says how far its rows go: NULL = not indexed yet (existing objects after this
-- migration, rows loaded by other means: the server indexes them in the background, and until then
-- queries parse them as before); 9999-12-31 = every instance is listed; another instant = every instance
-- starting before it is listed (an unbounded rule, indexed up to a horizon; 0001-01-01: too dense to
-- index). Queries ending after occ_until parse that object.
ALTER TABLE dav_object ADD COLUMN occ_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX dav_object_occ_until ON dav_object (collection_id, occ_until);

-- One instance. busy: B(usy), T(entative) or F(ree: transparent or cancelled) for free-busy-query.
-- long_span: the instance lasts longer than a week; queries look back a week for the others
-- (occ_start >= :start - 7 days) and read the long ones separately, so both stay index ranges.
CREATE TABLE dav_occurrence (
    object_id     BIGINT  NOT NULL REFERENCES dav_object (id) ON DELETE CASCADE,
    collection_id BIGINT  NOT NULL,
    occ_start     TIMESTAMP WITH TIME ZONE NOT NULL,
    occ_end       TIMESTAMP WITH TIME ZONE NOT NULL,
    busy          CHAR(1) NOT NULL,
    long_span     BOOLEAN NOT NULL
);
CREATE INDEX dav_occurrence_range ON dav_occurrence (collection_id, occ_start, occ_end, object_id);
CREATE INDEX dav_occurrence_long ON dav_occurrence (collection_id, long_span, occ_start);
CREATE INDEX dav_occurrence_object ON dav_occurrence (object_id);
