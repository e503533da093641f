-- The queue of a Responsible's calls: every query of it names the Responsible (responsible_id = ?: the
-- claim, My Calls, the consolidated calendar), and a call list's unassigned calls have none, yet each
-- imported row wrote an entry in it (ADR 0024). (Companies by lower(name) were tried the same way, partial
-- on kind = 'COMPANY': the planner then lost the expression's statistics and chose a 40 ms scan of the
-- primary key for a single company's lookup, so that index stays whole.)
DROP INDEX phone_call_queue;
CREATE INDEX phone_call_queue ON phone_call (state, responsible_id, due_at, id) WHERE responsible_id IS NOT NULL;
