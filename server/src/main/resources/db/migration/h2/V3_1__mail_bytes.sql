-- Message and attachment bytes (see common/V3__mail.sql): a large object, as H2's BINARY VARYING stops
-- at 1 MB (and PostgreSQL mode does not know the name BLOB).
ALTER TABLE inbound_message ADD COLUMN raw BINARY LARGE OBJECT NOT NULL;
ALTER TABLE mail_attachment ADD COLUMN content BINARY LARGE OBJECT;

-- The spool answers 250 after its commit, so a commit must reach the file at once: with H2's default
-- write delay (500 ms) a SIGKILL lost messages that had been acknowledged (ZeroLossTest). Persistent setting.
SET WRITE_DELAY 0;
