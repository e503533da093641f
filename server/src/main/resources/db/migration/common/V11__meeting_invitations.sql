-- Scheduling (iMIP, docs/calendar.md#scheduling): what was last sent to each external attendee of a
-- company-calendar meeting, and the iTIP part an outbox message carries.

-- One row per meeting UID and attendee address: the SEQUENCE and the digest of what the attendee was last
-- sent. An event write sends a REQUEST only when what attendees see changed (digest), a CANCEL only to
-- a row not yet cancelled: the same write repeated, or a PARTSTAT change, sends nothing again.
CREATE TABLE meeting_invitation (
    uid         VARCHAR(1000) NOT NULL,
    address     VARCHAR(254)  NOT NULL,
    sequence    INTEGER       NOT NULL,
    digest      VARCHAR(64)   NOT NULL,
    cancelled   BOOLEAN       NOT NULL DEFAULT FALSE,
    outbox_id   BIGINT REFERENCES outbox_message (id),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (uid, address)
);

-- The iTIP message (RFC 6047) an outgoing message carries beside its text: REQUEST or CANCEL, and the
-- iCalendar. NULL for every other message.
ALTER TABLE outbox_message ADD COLUMN calendar_method VARCHAR(10);
ALTER TABLE outbox_message ADD COLUMN calendar_data VARCHAR(1000000);
