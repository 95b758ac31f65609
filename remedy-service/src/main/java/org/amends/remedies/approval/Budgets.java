package org.amends.remedies.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.amends.remedies.model.Authority;
import org.amends.remedies.model.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each error kind has spent on approved remedies this calendar month (UTC), and who must approve the next one.
 * {@link #requiredApproval} locks the month's row so two approvals cannot both fit into the same last euro.
 */
@Component
public class Budgets {

    private final JdbcClient jdbc;
    private final ApprovalProperties properties;
    private final Clock clock;

    Budgets(JdbcClient jdbc, ApprovalProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Who must approve {@code amount} for {@code errorKind} now; locks the budget row until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Authority requiredApproval(String errorKind, Money amount) {
        var used = lockUsed(errorKind, amount);
        return properties.limits().required(amount, used, properties.monthlyBudget(errorKind));
    }

    /**
     * Counts an approved remedy against its error kind's budget, in one statement that creates the month's row if need
     * be and locks it until the transaction ends, as {@link #requiredApproval} does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void spend(String errorKind, Money amount) {
        jdbc.sql("""
                        INSERT INTO budget_usage AS b (error_kind, month, currency, used_minor) VALUES (?, ?, ?, ?)
                        ON CONFLICT (error_kind, month, currency) DO UPDATE SET used_minor = b.used_minor + excluded.used_minor""")
                .params(errorKind, month(), amount.currencyCode(), amount.minorUnits())
                .update();
    }

    /** This month's budget for {@code errorKind} and what approved remedies already used of it, without locking. */
    public Standing standing(String errorKind) {
        var budget = properties.monthlyBudget(errorKind);
        return new Standing(budget, new Money(used(errorKind, budget.currencyCode()), budget.currency()));
    }

    /** Minor units of this month's budget of {@code errorKind} used in {@code currency}, without locking. */
    private long used(String errorKind, String currency) {
        return jdbc.sql("""
                        SELECT used_minor FROM budget_usage WHERE error_kind = ? AND month = ? AND currency = ?""")
                .params(errorKind, month(), currency)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** A month's budget of one error kind and what is used of it, in the limits' currency. */
    public record Standing(Money budget, Money used) {}

    /** This month's use per error kind in the limits' currency, for the budget gauge. */
    public Map<String, Long> usedThisMonth() {
        var used = new TreeMap<String, Long>();
        jdbc.sql("SELECT error_kind, used_minor FROM budget_usage WHERE month = ? AND currency = ?")
                .params(month(), properties.currency().getCurrencyCode())
                .query((rs, row) -> used.put(rs.getString(1), rs.getLong(2)))
                .list();
        return used;
    }

    /**
     * Reads and locks the month's row: one statement once the row exists (the month's first remedy of the error kind
     * creates it, and two at that moment both lock the one row).
     */
    private Money lockUsed(String errorKind, Money amount) {
        var used = lockedUsed(errorKind, amount);
        if (used.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO budget_usage (error_kind, month, currency) VALUES (?, ?, ?)
                            ON CONFLICT DO NOTHING""").params(errorKind, month(), amount.currencyCode()).update();
            used = lockedUsed(errorKind, amount);
        }
        return new Money(used.orElseThrow(), amount.currency());
    }

    private Optional<Long> lockedUsed(String errorKind, Money amount) {
        return jdbc.sql("""
                        SELECT used_minor FROM budget_usage WHERE error_kind = ? AND month = ? AND currency = ?
                        FOR UPDATE""")
                .params(errorKind, month(), amount.currencyCode())
                .query(Long.class)
                .optional();
    }

    private LocalDate month() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1);
    }
}
