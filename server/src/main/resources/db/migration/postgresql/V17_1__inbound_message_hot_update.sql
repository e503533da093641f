-- Room on each page of the spool for the routed version of each of its rows, so that routing's state change
-- is a heap-only (HOT) update that touches no index (ADR 0021). Every row is updated once, and a batch routes
-- neighbouring rows in one transaction (so the old versions cannot be pruned in between): the page must hold
-- both versions of all its rows. With 80 % only about 40 % of the updates were HOT in bench mail. The bytes of
-- a real message are mostly in the TOAST table, which this does not touch. Applies to pages written from now on.
ALTER TABLE inbound_message SET (fillfactor = 50);
-- inbound_due is a queue: every row is deleted soon after it is written. Vacuum it by a fixed number of dead
-- rows rather than a fraction of a table that is nearly empty.
ALTER TABLE inbound_due SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
