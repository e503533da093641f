-- Message and attachment bytes (see common/V3__mail.sql).
ALTER TABLE inbound_message ADD COLUMN raw BYTEA NOT NULL;
ALTER TABLE mail_attachment ADD COLUMN content BYTEA;
