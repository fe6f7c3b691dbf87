-- Deploying to the user's own n8n (issue #15).
-- n8n_connections: one n8n instance per user - its base URL and the API key encrypted with Fernet
-- under the operator's encryption key (settings.encryption_key); the database never holds the key
-- in clear, and the service never returns it.
-- n8n_deployments: which n8n workflow each generation became on which instance, so deploying the
-- same generation again updates that workflow instead of creating a second one.

CREATE TABLE n8n_connections (
    user_id        uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    base_url       text NOT NULL,
    api_key_cipher text NOT NULL,
    n8n_version    text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE n8n_deployments (
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    base_url        text NOT NULL,
    generation_id   uuid NOT NULL REFERENCES workflow_generations (id) ON DELETE CASCADE,
    n8n_workflow_id text NOT NULL,
    active          boolean NOT NULL DEFAULT false,
    deployed_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, base_url, generation_id)
);
CREATE INDEX n8n_deployments_generation_idx ON n8n_deployments (generation_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON n8n_connections, n8n_deployments TO nodepilot_app;
ALTER TABLE n8n_connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE n8n_deployments ENABLE ROW LEVEL SECURITY;
CREATE POLICY n8n_connections_owner ON n8n_connections TO nodepilot_app
    USING (user_id = nodepilot_current_user_id()) WITH CHECK (user_id = nodepilot_current_user_id());
CREATE POLICY n8n_deployments_owner ON n8n_deployments TO nodepilot_app
    USING (user_id = nodepilot_current_user_id()) WITH CHECK (user_id = nodepilot_current_user_id());
