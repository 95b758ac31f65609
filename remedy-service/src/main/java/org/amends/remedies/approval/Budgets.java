package org.amends.remedies.approval;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.amends.messaging.PerTransaction;
import org.amends.remedies.model.Authority;
import org.amends.remedies.model.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each error kind has spent on approved remedies this calendar month (UTC), and who must approve the next one.
 * {@link #requiredApproval} locks the month's row so two approvals cannot both fit into the same last euro. A
 * transaction reads each row it locks once and keeps what it spends in memory, written back once just before it
 * commits: a batch of remedies drawing on one budget costs a read and a write, not two statements a remedy.
 */
@Component
public class Budgets {

    /** One month's budget row: an error kind's use in one currency. */
    public record Of(String errorKind, String currency) {}

    private record Row(String errorKind, LocalDate month, String currency) {}

    /** The rows this transaction has locked, as read when it locked them, and what it spent of each since. */
    private static final class Held {
        final Map<Row, Long> read = new HashMap<>();
        final Map<Row, Long> spent = new LinkedHashMap<>();
    }

    private final JdbcClient jdbc;
    private final ApprovalProperties properties;
    private final Clock clock;
    private final PerTransaction<Held> held;

    Budgets(JdbcClient jdbc, ApprovalProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.held = new PerTransaction<>(Held::new, this::writeBack);
    }

    /** Who must approve {@code amount} for {@code errorKind} now; locks the budget row until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Authority requiredApproval(String errorKind, Money amount) {
        var used = new Money(locked(row(errorKind, amount.currencyCode())), amount.currency());
        return properties.limits().required(amount, used, properties.monthlyBudget(errorKind));
    }

    /**
     * Counts an approved remedy against its error kind's budget: the row is locked until the transaction ends, as
     * {@link #requiredApproval} locks it, and the sum is written when the transaction commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void spend(String errorKind, Money amount) {
        var row = row(errorKind, amount.currencyCode());
        locked(row);
        held.get().spent.merge(row, amount.minorUnits(), Long::sum);
    }

    /**
     * Locks these budgets' rows now, in one order whatever the order given, so that two transactions that draw on the
     * same budgets (two replicas' batches) cannot deadlock on them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAll(Collection<Of> budgets) {
        budgets.stream()
                .map(b -> row(b.errorKind(), b.currency()))
                .distinct()
                .sorted(Comparator.comparing(Row::errorKind).thenComparing(Row::currency))
                .forEach(this::locked);
    }

    /** This month's budget for {@code errorKind} and what approved remedies already used of it, without locking. */
    public Standing standing(String errorKind) {
        held.writeBackNow();
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
        held.writeBackNow();
        var used = new TreeMap<String, Long>();
        jdbc.sql("SELECT error_kind, used_minor FROM budget_usage WHERE month = ? AND currency = ?")
                .params(month(), properties.currency().getCurrencyCode())
                .query((rs, row) -> used.put(rs.getString(1), rs.getLong(2)))
                .list();
        return used;
    }

    /** What the row holds for this transaction: read and locked at its first use, plus what it spent since. */
    private long locked(Row row) {
        var held = this.held.get();
        return held.read.computeIfAbsent(row, this::lockUsed) + held.spent.getOrDefault(row, 0L);
    }

    /**
     * Reads and locks the month's row: one statement once the row exists (the month's first remedy of the error kind
     * creates it, and two at that moment both lock the one row).
     */
    private long lockUsed(Row row) {
        var used = lockedUsed(row);
        if (used.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO budget_usage (error_kind, month, currency) VALUES (?, ?, ?)
                            ON CONFLICT DO NOTHING""").params(row.errorKind(), row.month(), row.currency()).update();
            used = lockedUsed(row);
        }
        return used.orElseThrow();
    }

    private Optional<Long> lockedUsed(Row row) {
        return jdbc.sql("""
                        SELECT used_minor FROM budget_usage WHERE error_kind = ? AND month = ? AND currency = ?
                        FOR UPDATE""")
                .params(row.errorKind(), row.month(), row.currency())
                .query(Long.class)
                .optional();
    }

    /** The transaction's spending, one statement a row it spent from; each row is locked since its first use. */
    private void writeBack(Held held) {
        held.spent.forEach((row, minor) -> jdbc.sql("""
                        UPDATE budget_usage SET used_minor = used_minor + ?
                        WHERE error_kind = ? AND month = ? AND currency = ?""")
                .params(minor, row.errorKind(), row.month(), row.currency())
                .update());
    }

    private Row row(String errorKind, String currency) {
        return new Row(errorKind, month(), currency);
    }

    private LocalDate month() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1);
    }
}
