-- H2 has no partial indexes: the same order behind the claim's equality columns (see the PostgreSQL version).
CREATE INDEX phone_call_next ON phone_call (state, claimed_by, priority DESC, due_at, id);
