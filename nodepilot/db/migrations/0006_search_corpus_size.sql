-- How many items the lexeme counts in search_lexemes were taken over, refreshed with them.
-- Full-text search keeps a lexeme only if it is in at most a fraction of all items; that total
-- came from pg_class.reltuples, which VACUUM overwrites with an estimate (9,223 items read as
-- 8,484), so the cut, and with it the results, moved with autovacuum's timing.
CREATE TABLE search_corpus (
    single boolean PRIMARY KEY DEFAULT true CHECK (single),
    items integer NOT NULL CHECK (items >= 0)
);
INSERT INTO search_corpus (items) SELECT count(*) FROM knowledge_items;
GRANT SELECT ON search_corpus TO nodepilot_app;
