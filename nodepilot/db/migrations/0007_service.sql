-- Service core (issue #12): user roles, API keys (hashed), credit reservations, the widened
-- credit ledger (kinds billing needs, per-user idempotency causes, expiring grants), the
-- PostgreSQL-backed rate limiter shared by every worker, and who/when on prompt versions.

ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin'));

-- The ledger: every change is one row; the balance is the sum of amounts.
ALTER TABLE credit_history DROP CONSTRAINT credit_history_transaction_type_check;
ALTER TABLE credit_history ADD CONSTRAINT credit_history_transaction_type_check
    CHECK (transaction_type IN ('grant', 'trial', 'purchase', 'subscription', 'generation',
                                'refund', 'adjustment', 'expiry'));
-- cause: what made the change (a Stripe event id, 'trial', 'expiry:<grant id>'); a replay of the
-- same cause for the same user is a no-op. expires_at: when an expiring grant's unspent part
-- lapses (the trial).
ALTER TABLE credit_history ADD COLUMN cause text;
ALTER TABLE credit_history ADD COLUMN expires_at timestamptz;
CREATE UNIQUE INDEX credit_history_cause_idx ON credit_history (user_id, cause) WHERE cause IS NOT NULL;
CREATE INDEX credit_history_expiring_idx ON credit_history (user_id) WHERE expires_at IS NOT NULL;

-- A credit held while a generation runs: counted against what may be reserved, never part of
-- the balance. Rows older than expires_at (a worker that died mid-request) no longer count.
CREATE TABLE credit_reservations (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    amount     integer NOT NULL CHECK (amount > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '15 minutes'
);
CREATE INDEX credit_reservations_user_idx ON credit_reservations (user_id);

-- API keys for machine clients: only the SHA-256 of the key is stored.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL,
    prefix       text NOT NULL,
    key_hash     text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at DESC);

-- Workflows the user renamed keep their own name.
ALTER TABLE workflow_generations ADD COLUMN name text;
ALTER TABLE workflow_generations ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Rate limiting: one row per subject (user or client address), a window anchored at the
-- subject's first request in it; one UPSERT per request, shared by all workers.
CREATE TABLE rate_limit_windows (
    subject      text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL
);

-- Prompt versions: who made each version and who activated it when.
ALTER TABLE ai_prompts ADD COLUMN created_by uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE ai_prompts ADD COLUMN activated_at timestamptz;
ALTER TABLE ai_prompts ADD COLUMN activated_by uuid REFERENCES users (id) ON DELETE SET NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON credit_reservations, api_keys TO nodepilot_app;
ALTER TABLE credit_reservations ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY credit_reservations_owner ON credit_reservations TO nodepilot_app
    USING (user_id = nodepilot_current_user_id()) WITH CHECK (user_id = nodepilot_current_user_id());
CREATE POLICY api_keys_owner ON api_keys TO nodepilot_app
    USING (user_id = nodepilot_current_user_id()) WITH CHECK (user_id = nodepilot_current_user_id());
