-- Document frequency of every full-text lexeme in knowledge_items, refreshed after each index
-- run. Full-text search keeps only a request's rarer lexemes (an IDF cut): common words like
-- "send" or "data" match thousands of items, add no signal and make ranking slow.
CREATE TABLE search_lexemes (
    word text PRIMARY KEY,
    ndoc integer NOT NULL
);
GRANT SELECT ON search_lexemes TO nodepilot_app;
