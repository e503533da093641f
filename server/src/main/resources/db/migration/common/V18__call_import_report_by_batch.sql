-- The report of an import's accepted lines, one row per committed batch instead of one per line: writing
-- 100,000 report rows (and checking their foreign key) was a tenth of a 100,000-line import. A batch row
-- holds one letter per line (C created, M matched, R rejected) and the new calls' ids as runs
-- ("101-1100,1203"), in line order. Rejected lines keep a call_import_row each, with their reason; so do
-- all the lines of imports made before this migration. The text of an accepted line ("partner X") is read
-- from its call.
CREATE TABLE call_import_batch (
    job_id     BIGINT        NOT NULL REFERENCES call_import_job (id) ON DELETE CASCADE,
    first_line BIGINT        NOT NULL,
    last_line  BIGINT        NOT NULL,
    outcomes   VARCHAR(100000) NOT NULL,
    call_ids   VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (job_id, first_line)
);
