-- A call-list import writes its batches over two connections at once (ADR 0024). Measured with perf on
-- the COPY of 100,000 calls, PostgreSQL spent 63 % of that statement in foreign-key triggers, one SPI
-- query per key per row.
--
-- campaign_id and team_id carry the same two ids on every row of an import, which the import read from
-- one call_campaign row (whose team_id keeps its own foreign key); calls created by the API have both
-- checked by PhoneCallService. Campaigns and teams are never deleted (no code path does), so the two keys
-- only re-checked, 100,000 times, ids the application had just read. Whoever adds deletion of campaigns or
-- teams must deal with their calls, as for every other table that names them. H2, the single-user
-- default, keeps both keys: it has no parallel import and nothing to gain.
ALTER TABLE phone_call DROP CONSTRAINT phone_call_campaign_id_fkey;
ALTER TABLE phone_call DROP CONSTRAINT phone_call_team_id_fkey;

-- The keys to partners stay, but may be checked at commit: a batch may name partners that the batch
-- before it, still being written on the other connection, creates. The import defers them in its own
-- transactions (SET CONSTRAINTS ALL DEFERRED) and commits batches in file order; everywhere else they
-- are checked per statement as before (INITIALLY IMMEDIATE).
ALTER TABLE phone_call ALTER CONSTRAINT phone_call_partner_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE phone_call ALTER CONSTRAINT phone_call_contact_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE partner ALTER CONSTRAINT partner_company_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE partner_email ALTER CONSTRAINT partner_email_partner_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
