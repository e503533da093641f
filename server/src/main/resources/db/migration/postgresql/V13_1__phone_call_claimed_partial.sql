-- "The call I am working on" looks up the few calls claimed right now: a partial index holds only those
-- (about one per operator) instead of an entry for every call of every list.
DROP INDEX phone_call_claimed;
CREATE INDEX phone_call_claimed ON phone_call (claimed_by) WHERE claimed_by IS NOT NULL;
