-- Core schema: the seed system's tables, their keys and indexes, and row-level security on every
-- per-user table. Row-level security is enforced for the non-owner role nodepilot_app, which the
-- service assumes (SET ROLE) for every request; policies read the per-transaction setting
-- app.user_id (set with set_config('app.user_id', <uuid>, true)).

CREATE EXTENSION IF NOT EXISTS vector;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nodepilot_app') THEN
        CREATE ROLE nodepilot_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;
-- The migrating (owner) login may switch to the application role with SET ROLE.
GRANT nodepilot_app TO CURRENT_USER;

CREATE OR REPLACE FUNCTION nodepilot_current_user_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

CREATE TABLE users (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    clerk_user_id     text NOT NULL UNIQUE,
    email             text NOT NULL UNIQUE,
    name              text,
    subscription_tier text NOT NULL DEFAULT 'free'
                      CHECK (subscription_tier IN ('free', 'pro', 'team', 'enterprise')),
    credits_balance   integer NOT NULL DEFAULT 0 CHECK (credits_balance >= 0),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE subscriptions (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tier                     text NOT NULL CHECK (tier IN ('free', 'pro', 'team', 'enterprise')),
    status                   text NOT NULL DEFAULT 'active'
                             CHECK (status IN ('active', 'trialing', 'past_due', 'canceled', 'expired')),
    external_subscription_id text UNIQUE,
    current_period_start     timestamptz,
    current_period_end       timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_user_id_idx ON subscriptions (user_id);

CREATE TABLE ai_prompts (
    id           bigserial PRIMARY KEY,
    name         text NOT NULL,
    version      integer NOT NULL DEFAULT 1,
    content      text NOT NULL,
    content_hash text NOT NULL,
    description  text,
    is_active    boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name, content_hash)
);
CREATE UNIQUE INDEX ai_prompts_one_active_idx ON ai_prompts (name) WHERE is_active;

CREATE TABLE conversations (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, user_id)
);
CREATE INDEX conversations_user_id_idx ON conversations (user_id, updated_at DESC);

CREATE TABLE workflow_generations (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    conversation_id    uuid,
    prompt             text NOT NULL,
    workflow_json      jsonb,
    generation_time_ms integer CHECK (generation_time_ms >= 0),
    model_used         text,
    provider           text,
    status             text NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'succeeded', 'failed', 'invalid')),
    optimization_used  boolean NOT NULL DEFAULT false,
    intent             text,
    prompt_hash        text,
    findings           jsonb NOT NULL DEFAULT '[]'::jsonb,
    tokens_input       integer NOT NULL DEFAULT 0,
    tokens_output      integer NOT NULL DEFAULT 0,
    cost_usd           numeric(12, 6) NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, user_id),
    FOREIGN KEY (conversation_id, user_id) REFERENCES conversations (id, user_id) ON DELETE SET NULL (conversation_id)
);
CREATE INDEX workflow_generations_user_id_idx ON workflow_generations (user_id, created_at DESC);
CREATE INDEX workflow_generations_conversation_idx ON workflow_generations (conversation_id);

CREATE TABLE conversation_messages (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conversation_id        uuid NOT NULL,
    user_id                uuid NOT NULL,
    role                   text NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    content                text NOT NULL,
    intent                 text,
    workflow_generation_id uuid REFERENCES workflow_generations (id) ON DELETE SET NULL,
    metadata               jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at             timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (conversation_id, user_id) REFERENCES conversations (id, user_id) ON DELETE CASCADE
);
CREATE INDEX conversation_messages_conversation_idx ON conversation_messages (conversation_id, created_at);

CREATE TABLE credit_history (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    amount                 integer NOT NULL,
    transaction_type       text NOT NULL
                           CHECK (transaction_type IN ('grant', 'purchase', 'subscription', 'generation', 'refund', 'adjustment')),
    workflow_generation_id uuid,
    remaining_balance      integer NOT NULL CHECK (remaining_balance >= 0),
    description            text,
    created_at             timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (workflow_generation_id, user_id) REFERENCES workflow_generations (id, user_id)
        ON DELETE SET NULL (workflow_generation_id)
);
CREATE INDEX credit_history_user_id_idx ON credit_history (user_id, created_at DESC);

-- Knowledge tables (filled by the indexer; embeddings and search columns come with the index).
CREATE TABLE node_patterns (
    id            bigserial PRIMARY KEY,
    pattern_key   text NOT NULL UNIQUE,
    node_type     text NOT NULL,
    resource      text,
    operation     text,
    parameters    jsonb NOT NULL DEFAULT '{}'::jsonb,
    usage_count   integer NOT NULL DEFAULT 0,
    workflow_count integer NOT NULL DEFAULT 0,
    predecessors  jsonb NOT NULL DEFAULT '{}'::jsonb,
    successors    jsonb NOT NULL DEFAULT '{}'::jsonb,
    metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
    content_hash  text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX node_patterns_type_idx ON node_patterns (node_type, resource, operation);

CREATE TABLE workflow_tips (
    id           bigserial PRIMARY KEY,
    tip_key      text NOT NULL UNIQUE,
    category     text NOT NULL,
    title        text NOT NULL,
    body         text NOT NULL,
    node_types   text[] NOT NULL DEFAULT '{}',
    version      integer NOT NULL DEFAULT 1,
    metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
    content_hash text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workflow_tips_category_idx ON workflow_tips (category);
CREATE INDEX workflow_tips_node_types_idx ON workflow_tips USING gin (node_types);

CREATE TABLE workflow_templates (
    id            bigserial PRIMARY KEY,
    source_id     text NOT NULL UNIQUE,
    source        text NOT NULL,
    licence       text NOT NULL,
    name          text NOT NULL,
    description   text,
    workflow_json jsonb NOT NULL,
    node_types    text[] NOT NULL DEFAULT '{}',
    metadata      jsonb NOT NULL DEFAULT '{}'::jsonb,
    content_hash  text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workflow_templates_node_types_idx ON workflow_templates USING gin (node_types);

-- Privileges for the application role: data only, never DDL.
GRANT USAGE ON SCHEMA public TO nodepilot_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON
    users, subscriptions, conversations, conversation_messages, workflow_generations, credit_history
    TO nodepilot_app;
GRANT SELECT ON ai_prompts, node_patterns, workflow_tips, workflow_templates TO nodepilot_app;
GRANT EXECUTE ON FUNCTION nodepilot_current_user_id() TO nodepilot_app;

-- Row-level security: each per-user table shows and accepts only the current user's rows.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE workflow_generations ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_history ENABLE ROW LEVEL SECURITY;

CREATE POLICY users_self ON users TO nodepilot_app
    USING (id = nodepilot_current_user_id()) WITH CHECK (id = nodepilot_current_user_id());
CREATE POLICY subscriptions_owner ON subscriptions TO nodepilot_app
    USING (user_id = nodepilot_current_user_id()) WITH CHECK (user_id = nodepilot_current_user_id());
CREATE POLICY conversations_owner ON conversations TO nodepilot_app
    USING (user_id = nodepilot_current_user_id()) WITH CHECK (user_id = nodepilot_current_user_id());
CREATE POLICY conversation_messages_owner ON conversation_messages TO nodepilot_app
    USING (user_id = nodepilot_current_user_id()) WITH CHECK (user_id = nodepilot_current_user_id());
CREATE POLICY workflow_generations_owner ON workflow_generations TO nodepilot_app
    USING (user_id = nodepilot_current_user_id()) WITH CHECK (user_id = nodepilot_current_user_id());
CREATE POLICY credit_history_owner ON credit_history TO nodepilot_app
    USING (user_id = nodepilot_current_user_id()) WITH CHECK (user_id = nodepilot_current_user_id());

-- Sign-in needs the user id before any user setting exists: this owner-run lookup returns only the
-- id for one external identity, nothing else of the users table.
CREATE OR REPLACE FUNCTION nodepilot_user_id_for_clerk(p_clerk_user_id text) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT id FROM users WHERE clerk_user_id = p_clerk_user_id $$;
REVOKE ALL ON FUNCTION nodepilot_user_id_for_clerk(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nodepilot_user_id_for_clerk(text) TO nodepilot_app;
