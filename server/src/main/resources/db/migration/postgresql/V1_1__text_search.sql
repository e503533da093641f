-- Substring search over 1,000,000 cases needs a trigram index; H2 (demo-sized data) scans instead.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE INDEX crm_case_search ON crm_case USING gin (search_text public.gin_trgm_ops);
