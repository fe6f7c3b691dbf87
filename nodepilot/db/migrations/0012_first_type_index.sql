-- The retrieval's "closest items of each linked node type" lookup (indexing.search
-- _LINKED_SQL, #12) ranks the operations, patterns and node items whose first node type is
-- one of the spec's. It found them through the GIN index on all node types, which also
-- returns every template holding one of those types (~650 of ~700 rows, read and filtered
-- out) and cost ~half of the lookup. This index answers "first type = t and kind = k" directly.
CREATE INDEX IF NOT EXISTS knowledge_items_first_type_idx
    ON knowledge_items ((node_types[1]), kind);
