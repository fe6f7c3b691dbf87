-- The ledger's balance kept per user (issue #12, scale): every hold and charge used to sum ALL of
-- the user's credit_history rows, a scan that grows with a heavy user's history on every chat.
-- credit_balances holds that sum; a trigger on credit_history keeps it equal to the sum on every
-- insert, delete and amount change, whoever writes the row, in the writer's own transaction.
-- So the invariant "balance = sum(amount)" holds after this migration (the backfill IS the sum)
-- and after every later change, without trusting any application code path.
--
-- No CHECK (balance >= 0) here: overspending is refused by credit_history's own
-- CHECK (remaining_balance >= 0), as before; and while a user is deleted the cascade removes
-- their rows in any order, so the running sum may pass below zero on its way out.

-- no ledger row may be written between the backfill and the trigger's creation
LOCK TABLE credit_history IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE credit_balances (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    balance bigint NOT NULL
);

INSERT INTO credit_balances (user_id, balance)
SELECT user_id, sum(amount) FROM credit_history GROUP BY user_id;

-- SECURITY DEFINER: the application role may read its own balance row but never write it;
-- only a ledger row (which the role may insert, under row-level security) moves it.
CREATE FUNCTION nodepilot_credit_balance_follow() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE credit_balances SET balance = balance - OLD.amount WHERE user_id = OLD.user_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO credit_balances AS b (user_id, balance) VALUES (NEW.user_id, NEW.amount)
        ON CONFLICT (user_id) DO UPDATE SET balance = b.balance + EXCLUDED.balance;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION nodepilot_credit_balance_follow() FROM PUBLIC;

CREATE TRIGGER credit_history_balance_insert_delete
    AFTER INSERT OR DELETE ON credit_history
    FOR EACH ROW EXECUTE FUNCTION nodepilot_credit_balance_follow();
CREATE TRIGGER credit_history_balance_update
    AFTER UPDATE OF amount, user_id ON credit_history
    FOR EACH ROW
    WHEN (OLD.amount IS DISTINCT FROM NEW.amount OR OLD.user_id IS DISTINCT FROM NEW.user_id)
    EXECUTE FUNCTION nodepilot_credit_balance_follow();

GRANT SELECT ON credit_balances TO nodepilot_app;
ALTER TABLE credit_balances ENABLE ROW LEVEL SECURITY;
CREATE POLICY credit_balances_owner ON credit_balances TO nodepilot_app
    USING (user_id = nodepilot_current_user_id());
