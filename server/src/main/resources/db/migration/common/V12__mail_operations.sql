-- Mail operations (docs/mail-gateway.md, ADR 0013).
-- The outbox claim is a lease: a row left SENDING longer than switchboard.mail.sending-lease (the node
-- died mid-send) is claimed again and sent with the same Message-ID; lease_expiries records how often.
-- Rows already SENDING start their lease now.
ALTER TABLE outbox_message ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox_message ADD COLUMN lease_expiries INTEGER NOT NULL DEFAULT 0;
UPDATE outbox_message SET claimed_at = CURRENT_TIMESTAMP WHERE state = 'SENDING';

-- Whether a new case at this alias from an unknown address is linked to the company of the sender's
-- domain; NULL follows switchboard.mail.partner-by-domain.
ALTER TABLE mail_alias ADD COLUMN partner_by_domain BOOLEAN;
