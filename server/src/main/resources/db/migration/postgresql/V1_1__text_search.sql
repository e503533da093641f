-- Text search over 1,000,000 cases needs an index: a GIN full-text index over the case's search text
-- (name, partner, contact, email), queried by word prefixes (see storage/TextSearch and ADR 0003).
-- The vector is stored so that rechecking a row does not re-parse its text. H2 (demo-sized data) scans.
ALTER TABLE crm_case ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX crm_case_search ON crm_case USING gin (search_vector);
