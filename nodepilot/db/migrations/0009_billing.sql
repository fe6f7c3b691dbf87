-- Billing and identity webhooks (issue #13): the Stripe customer of each user, subscriptions as
-- Stripe last described them (with the event time that described them, so an older event never
-- overwrites a newer one), credit-pack purchases (what a refund withdraws), paid invoices (period
-- credits once per invoice) and every provider webhook delivery processed once.

-- Plans are named in service/billing/plans.toml; the tier is a plan key or 'free'.
ALTER TABLE users DROP CONSTRAINT users_subscription_tier_check;
ALTER TABLE users ADD CONSTRAINT users_subscription_tier_check
    CHECK (subscription_tier ~ '^[a-z0-9_]{1,40}$');
ALTER TABLE users ADD COLUMN stripe_customer_id text UNIQUE;

ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_tier_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_tier_check
    CHECK (tier ~ '^[a-z0-9_]{1,40}$');
-- Stripe's subscription statuses, plus 'expired' from the core schema.
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_status_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_status_check
    CHECK (status IN ('active', 'trialing', 'past_due', 'canceled', 'expired', 'incomplete',
                      'incomplete_expired', 'unpaid', 'paused'));
ALTER TABLE subscriptions ADD COLUMN stripe_price_id text;
ALTER TABLE subscriptions ADD COLUMN cancel_at_period_end boolean NOT NULL DEFAULT false;
-- created time of the Stripe event that last set this row, and that event's id
ALTER TABLE subscriptions ADD COLUMN last_event_at timestamptz;
ALTER TABLE subscriptions ADD COLUMN last_event_id text;

-- One row per webhook delivery we acted on (Stripe event id or Svix message id). Inserted in the
-- same transaction as the event's effects: a replay finds the row and changes nothing; a failed
-- handler leaves no row, so the provider's retry runs it again.
CREATE TABLE billing_events (
    provider      text NOT NULL CHECK (provider IN ('stripe', 'clerk')),
    event_id      text NOT NULL,
    event_type    text NOT NULL,
    event_created timestamptz,
    outcome       text NOT NULL DEFAULT 'processing',
    subject       text,  -- the object the event is about (Clerk user id, Stripe object id)
    user_id       uuid REFERENCES users (id) ON DELETE SET NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);
CREATE INDEX billing_events_user_idx ON billing_events (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX billing_events_subject_idx ON billing_events (provider, subject, event_type);

-- A bought credit pack. credits_refunded counts the credits refunds have accounted for so far
-- (taken from the balance, or recorded as shortfall because they were already spent).
CREATE TABLE credit_purchases (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    pack                text NOT NULL,
    credits             integer NOT NULL CHECK (credits > 0),
    amount_cents        integer NOT NULL CHECK (amount_cents >= 0),
    checkout_session_id text NOT NULL UNIQUE,
    payment_intent_id   text UNIQUE,
    event_id            text NOT NULL,
    credits_refunded    integer NOT NULL DEFAULT 0 CHECK (credits_refunded BETWEEN 0 AND credits),
    refund_shortfall    integer NOT NULL DEFAULT 0
                        CHECK (refund_shortfall BETWEEN 0 AND credits_refunded),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_purchases_user_idx ON credit_purchases (user_id, created_at DESC);

-- A paid subscription invoice and the period credits it granted (once per invoice).
CREATE TABLE billing_invoices (
    invoice_id      text PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subscription_id text,
    plan            text,
    credits         integer NOT NULL CHECK (credits >= 0),
    period_start    timestamptz,
    period_end      timestamptz,
    event_id        text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_invoices_user_idx ON billing_invoices (user_id, created_at DESC);

-- Users may read their own purchases and invoices; webhooks write them as the owner.
GRANT SELECT ON credit_purchases, billing_invoices TO nodepilot_app;
ALTER TABLE credit_purchases ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY credit_purchases_owner ON credit_purchases TO nodepilot_app
    USING (user_id = nodepilot_current_user_id());
CREATE POLICY billing_invoices_owner ON billing_invoices TO nodepilot_app
    USING (user_id = nodepilot_current_user_id());
