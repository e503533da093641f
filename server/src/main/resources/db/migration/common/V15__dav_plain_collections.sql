-- Plain WebDAV collections and files (ADR 0017), for generic WebDAV clients next to the calendars.
-- A plain collection is a dav_collection row of kind 'PLAIN'. One nested in another has the path below the
-- home as its name ('docs/2026', looked up by URL through the unique (home, name)) and its parent's id in
-- parent_id, which lists a collection's children and deletes them with it (RFC 4918 §9.6.1) and makes a
-- child whose parent was deleted meanwhile impossible. Collections directly in a home have none.
ALTER TABLE dav_collection ADD COLUMN parent_id BIGINT;
ALTER TABLE dav_collection ADD CONSTRAINT dav_collection_parent_fk
    FOREIGN KEY (parent_id) REFERENCES dav_collection (id) ON DELETE CASCADE;
CREATE INDEX dav_collection_parent ON dav_collection (parent_id);

-- A file of a plain collection keeps the Content-Type it was PUT with; calendar objects and vCards have
-- none (their type follows from the collection), so a non-NULL content_type also marks a file: never
-- parsed, never in the occurrence index.
ALTER TABLE dav_object ADD COLUMN content_type VARCHAR(255);

-- Dead properties (RFC 4918 §4.1) of plain collections (member '') and their files: any property a client
-- PROPPATCHes that the engine does not own, kept as the XML element it came as (namespace declarations
-- included) and written back by PROPFIND. Deleted with the file (by the backend) or the collection (cascade).
-- The engine bounds them: namespace + local name 255 characters, a value 16 KiB, 200 per resource.
CREATE TABLE dav_property (
    collection_id BIGINT        NOT NULL REFERENCES dav_collection (id) ON DELETE CASCADE,
    member        VARCHAR(255)  NOT NULL,
    namespace     VARCHAR(255)  NOT NULL,
    local_name    VARCHAR(255)  NOT NULL,
    xml           VARCHAR(16384) NOT NULL,
    CONSTRAINT dav_property_pk PRIMARY KEY (collection_id, member, namespace, local_name)
);
