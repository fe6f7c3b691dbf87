-- The searchable knowledge index: one row per retrievable item (catalog node, catalog operation,
-- template, node pattern, tip) with its embedding (HNSW, cosine) and full-text vector (GIN).
-- The seed tables (node_patterns, workflow_tips, workflow_templates) keep the structured records;
-- knowledge_items is what hybrid search reads, so one query ranks every kind together.

CREATE TABLE knowledge_items (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('node', 'operation', 'template', 'pattern', 'tip')),
    item_key     text NOT NULL,
    title        text NOT NULL,
    content      text NOT NULL,
    node_types   text[] NOT NULL DEFAULT '{}',
    categories   text[] NOT NULL DEFAULT '{}',
    metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
    content_hash text NOT NULL,
    embedding    vector(384) NOT NULL,
    tsv          tsvector GENERATED ALWAYS AS (
                     setweight(to_tsvector('english', title), 'A')
                     || setweight(to_tsvector('english', content), 'B')) STORED,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, item_key)
);
CREATE INDEX knowledge_items_embedding_idx ON knowledge_items USING hnsw (embedding vector_cosine_ops);
CREATE INDEX knowledge_items_tsv_idx ON knowledge_items USING gin (tsv);
CREATE INDEX knowledge_items_node_types_idx ON knowledge_items USING gin (node_types);
CREATE INDEX knowledge_items_categories_idx ON knowledge_items USING gin (categories);
CREATE INDEX knowledge_items_kind_idx ON knowledge_items (kind);

-- What each index run did, so `nodepilot index` can report and an interrupted run is visible.
CREATE TABLE index_runs (
    id          bigserial PRIMARY KEY,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    kinds       text[] NOT NULL,
    model_id    text NOT NULL,
    embedded    integer NOT NULL DEFAULT 0,
    unchanged   integer NOT NULL DEFAULT 0,
    deleted     integer NOT NULL DEFAULT 0
);

-- Fingerprint of each source's inputs at its last complete sync: an unchanged source is skipped
-- without reading it, which keeps a no-op re-index to a few file stats.
CREATE TABLE index_sources (
    source      text PRIMARY KEY,
    fingerprint text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT ON knowledge_items, index_runs, index_sources TO nodepilot_app;
