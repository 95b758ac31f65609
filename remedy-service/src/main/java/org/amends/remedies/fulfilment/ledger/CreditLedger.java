package org.amends.remedies.fulfilment.ledger;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amends.messaging.TimeOrderedIds;
import org.amends.remedies.model.Money;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posts credits and reversals to the ledger and reads customers' balances. Amounts are signed on the entries: the
 * customer's account is credited (+), the remedies expense account debited (−), so every transaction sums to zero per
 * currency, which the database checks at commit.
 */
@Component
public class CreditLedger {

    /** The fulfiller name of ledger remedies in events. */
    public static final String FULFILLER = "ledger";

    static final String EXPENSE_ACCOUNT = "expense:remedies";

    /** One customer's balance in one currency. */
    public record Balance(long minorUnits, String currency) {}

    /** One posted transaction as a customer's statement shows it. */
    public record Posting(
            UUID transactionId,
            @Nullable UUID remedyId,
            @Nullable UUID reverses,
            String description,
            long minorUnits,
            String currency) {}

    private final JdbcClient jdbc;

    CreditLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String customerAccount(UUID customerId) {
        return "customer:" + customerId;
    }

    /** Credits a customer for a remedy; returns the transaction id. One credit per remedy (unique in the database). */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID credit(UUID remedyId, UUID customerId, Money amount, String description) {
        var transaction = TimeOrderedIds.next();
        jdbc.sql("INSERT INTO ledger_transactions (id, customer_id, remedy_id, description) VALUES (?, ?, ?, ?)")
                .params(transaction, customerId, remedyId, description)
                .update();
        post(transaction, customerAccount(customerId), amount.minorUnits(), amount.currencyCode());
        post(transaction, EXPENSE_ACCOUNT, -amount.minorUnits(), amount.currencyCode());
        return transaction;
    }

    /** Reverses a transaction with a new one of opposite entries; the original stays as it was. */
    @Transactional
    public UUID reverse(UUID transactionId, String reason) {
        var customer = jdbc.sql("SELECT customer_id FROM ledger_transactions WHERE id = ?")
                .param(transactionId)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new IllegalArgumentException("no ledger transaction " + transactionId));
        var reversal = TimeOrderedIds.next();
        jdbc.sql("INSERT INTO ledger_transactions (id, customer_id, reverses, description) VALUES (?, ?, ?, ?)")
                .params(reversal, customer, transactionId, "reversal: " + reason)
                .update();
        jdbc.sql("""
                        INSERT INTO ledger_entries (transaction_id, account, amount_minor, currency)
                        SELECT ?, account, -amount_minor, currency FROM ledger_entries WHERE transaction_id = ?""").params(reversal, transactionId).update();
        return reversal;
    }

    public List<Balance> balances(UUID customerId) {
        return jdbc.sql("""
                        SELECT sum(amount_minor) AS minor_units, currency FROM ledger_entries
                        WHERE account = ? GROUP BY currency ORDER BY currency""")
                .param(customerAccount(customerId))
                .query(Balance.class)
                .list();
    }

    public List<Posting> statement(UUID customerId) {
        return jdbc.sql("""
                        SELECT t.id AS transaction_id, t.remedy_id, t.reverses, t.description,
                               e.amount_minor AS minor_units, e.currency
                        FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
                        WHERE e.account = ? ORDER BY t.created_at, e.id""")
                .param(customerAccount(customerId))
                .query(Posting.class)
                .list();
    }

    public Optional<UUID> creditOf(UUID remedyId) {
        return jdbc.sql("SELECT id FROM ledger_transactions WHERE remedy_id = ? AND reverses IS NULL")
                .param(remedyId)
                .query(UUID.class)
                .optional();
    }

    private void post(UUID transaction, String account, long minorUnits, String currency) {
        jdbc.sql("INSERT INTO ledger_entries (transaction_id, account, amount_minor, currency) VALUES (?, ?, ?, ?)")
                .params(transaction, account, minorUnits, currency)
                .update();
    }
}
