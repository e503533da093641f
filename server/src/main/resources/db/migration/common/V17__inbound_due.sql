-- The spooled messages still to route, apart from the spool itself (ADR 0021). Routing used to claim from
-- an index on inbound_message (state, next_attempt_at, id) and then change state: an update of an indexed
-- column, so PostgreSQL wrote a new version of the row and an entry in each of the table's three indexes for
-- every routed message. Now the spool writes a row here in the same transaction as the message, routing
-- claims here and deletes the row when done, and the spool row's state changes in a column no index holds.
-- No foreign key: both rows are written and removed together, and a key would cost a check per message.
CREATE TABLE inbound_due (
    inbound_id      BIGINT PRIMARY KEY,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO inbound_due (inbound_id, next_attempt_at)
    SELECT id, next_attempt_at FROM inbound_message WHERE state = 'RECEIVED';
DROP INDEX inbound_message_due;
