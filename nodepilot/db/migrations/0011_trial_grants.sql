-- Who has had a trial (issue #12, trial farming): deleting the account and signing in again
-- with the same, still valid token re-created the user with a fresh trial. A trial is granted
-- only when neither the identity's external id nor its email has had one; both are recorded,
-- as one-way digests only (no email, no id, no link to a user row), so the record survives
-- the account's deletion without keeping personal data in the clear.
--
-- subject_hash = sha256 hex of 'nodepilot-trial:external:' || external id, or of
-- 'nodepilot-trial:email:' || lower(email) (service.auth.users.trial_subjects computes the same).

CREATE TABLE trial_grants (
    subject_hash text PRIMARY KEY CHECK (subject_hash ~ '^[0-9a-f]{64}$'),
    granted_at   timestamptz NOT NULL DEFAULT now()
);

-- Owner only, like billing_events: no grant to nodepilot_app, and row-level security on
-- without a policy, so even a later grant would show the application role nothing.
ALTER TABLE trial_grants ENABLE ROW LEVEL SECURITY;

-- Everyone who already had a trial: by external id, and by email unless it is the placeholder
-- of an identity that gave none.
INSERT INTO trial_grants (subject_hash, granted_at)
SELECT encode(sha256(convert_to(subject, 'UTF8')), 'hex'), min(granted_at)
FROM (
    SELECT 'nodepilot-trial:external:' || u.clerk_user_id AS subject, h.created_at AS granted_at
    FROM users u JOIN credit_history h ON h.user_id = u.id AND h.transaction_type = 'trial'
    UNION ALL
    SELECT 'nodepilot-trial:email:' || lower(u.email), h.created_at
    FROM users u JOIN credit_history h ON h.user_id = u.id AND h.transaction_type = 'trial'
    WHERE u.email NOT LIKE '%@users.invalid'
) AS had
GROUP BY subject
ON CONFLICT DO NOTHING;
