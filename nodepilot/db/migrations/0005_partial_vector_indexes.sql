-- One HNSW index per kind, beside the global one. Most searches are restricted to one kind
-- (templates, tips, ...); on the global graph pgvector must walk past every item of the other
-- kinds (iterative scan), on a kind's own graph it does not: template search went from 8 ms to
-- 2.6 ms. Search writes a single kind as `kind = <value>` so the planner can pick these.
CREATE INDEX knowledge_items_node_hnsw ON knowledge_items
    USING hnsw (embedding vector_cosine_ops) WHERE kind = 'node';
CREATE INDEX knowledge_items_operation_hnsw ON knowledge_items
    USING hnsw (embedding vector_cosine_ops) WHERE kind = 'operation';
CREATE INDEX knowledge_items_template_hnsw ON knowledge_items
    USING hnsw (embedding vector_cosine_ops) WHERE kind = 'template';
CREATE INDEX knowledge_items_pattern_hnsw ON knowledge_items
    USING hnsw (embedding vector_cosine_ops) WHERE kind = 'pattern';
CREATE INDEX knowledge_items_tip_hnsw ON knowledge_items
    USING hnsw (embedding vector_cosine_ops) WHERE kind = 'tip';
