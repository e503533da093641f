-- Mail add-ins (Thunderbird, Outlook): their login without passwords (ADR 0009, docs/connectors.md).

-- A token may expire: the add-ins' tokens do (switchboard.connector.token-lifetime); scripts' tokens never.
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;

-- One-time codes: issued when a logged-in user allows an add-in, exchanged once, within two minutes, by
-- the add-in that holds the verifier whose SHA-256 is the challenge. Only the code's SHA-256 is stored.
CREATE TABLE connector_code (
    code_hash  VARCHAR(64)  PRIMARY KEY,
    user_id    BIGINT       NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    client     VARCHAR(20)  NOT NULL,
    challenge  VARCHAR(64)  NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX connector_code_expiry ON connector_code (expires_at);
