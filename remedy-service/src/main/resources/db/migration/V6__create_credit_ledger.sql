-- The internal double-entry credit ledger. Entries are immutable; a reversal is a new transaction.
CREATE TABLE ledger_transactions (
    id          uuid PRIMARY KEY,
    customer_id uuid        NOT NULL,
    remedy_id   uuid,
    reverses    uuid REFERENCES ledger_transactions (id),
    description text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- One credit per remedy, one reversal per transaction.
CREATE UNIQUE INDEX ledger_transactions_one_per_remedy ON ledger_transactions (remedy_id) WHERE reverses IS NULL;
CREATE UNIQUE INDEX ledger_transactions_one_reversal ON ledger_transactions (reverses) WHERE reverses IS NOT NULL;

-- Signed amounts: a customer's balance is the sum of their account's entries; the other side is the remedies expense.
CREATE TABLE ledger_entries (
    id             bigserial PRIMARY KEY,
    transaction_id uuid    NOT NULL REFERENCES ledger_transactions (id),
    account        text    NOT NULL,
    amount_minor   bigint  NOT NULL CHECK (amount_minor <> 0),
    currency       char(3) NOT NULL
);
CREATE INDEX ledger_entries_account ON ledger_entries (account, currency);

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are immutable; post a reversal instead';
END $$;

CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transactions_immutable BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

-- Checked at commit, so a transaction's entries can be inserted one by one but never left unbalanced.
CREATE FUNCTION ledger_require_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = NEW.transaction_id
               GROUP BY currency HAVING sum(amount_minor) <> 0) THEN
        RAISE EXCEPTION 'ledger transaction % is not balanced', NEW.transaction_id;
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_require_balance();
