package org.amends.remedies.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.amends.remedies.RemedyServiceIT;
import org.amends.remedies.model.Authority;
import org.amends.remedies.model.Money;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction reads each budget row it locks once and writes what it spent once, at its commit: checked against the
 * real database, on budgets of error kinds of the test's own (12.00 EUR a month each), so no other test shares them.
 */
class BudgetsIT extends RemedyServiceIT {

    static final Currency EUR = Currency.getInstance("EUR");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    final String kind = "TEST-" + UUID.randomUUID();
    final String otherKind = "TEST-" + UUID.randomUUID();
    Budgets budgets;

    Budgets budgets() {
        if (budgets == null) {
            var properties = new ApprovalProperties(EUR, 2000, 20000, 1000000, Map.of(kind, 1200L, otherKind, 1200L));
            budgets = new Budgets(jdbc, properties, Clock.systemUTC());
        }
        return budgets;
    }

    @Test
    void aTransactionsSpendsAreJudgedInOrderAndWrittenOnceWhenItCommits() {
        var five = new Money(500, EUR);

        var required = committed(() -> {
            var first = budgets().requiredApproval(kind, five);
            budgets().spend(kind, five);
            var second = budgets().requiredApproval(kind, five);
            budgets().spend(kind, five);
            // 10.00 used of 12.00: another 5.00 would go over the month's budget.
            var third = budgets().requiredApproval(kind, five);
            assertThat(used(kind)).as("nothing written before the commit").isZero();
            return List.of(first, second, third);
        });

        assertThat(required).containsExactly(Authority.AUTOMATIC, Authority.AUTOMATIC, Authority.ADMIN);
        assertThat(used(kind)).isEqualTo(1000);
    }

    @Test
    void aRolledBackTransactionSpendsNothing() {
        rolledBack(() -> budgets().spend(kind, new Money(700, EUR)));

        assertThat(used(kind)).isZero();
    }

    @Test
    void theStandingReadInTheSpendingTransactionCountsItsSpendsAndTheLaterOnesAreWrittenToo() {
        var standing = committed(() -> {
            budgets().spend(kind, new Money(500, EUR));
            var read = budgets().standing(kind);
            budgets().spend(kind, new Money(300, EUR));
            return read;
        });

        assertThat(standing.used()).isEqualTo(new Money(500, EUR));
        assertThat(used(kind)).isEqualTo(800);
    }

    @Test
    void anInnerTransactionKeepsItsOwnSpendsAndTheOuterOneFindsItsOwnAgain() {
        var requiresNew = new TransactionTemplate(transactions);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        rolledBack(() -> {
            budgets().spend(kind, new Money(400, EUR));
            requiresNew.executeWithoutResult(inner -> budgets().spend(otherKind, new Money(300, EUR)));
            budgets().spend(kind, new Money(100, EUR));
            assertThat(used(otherKind))
                    .as("the inner transaction's spend, committed with it")
                    .isEqualTo(300);
        });

        assertThat(used(otherKind)).isEqualTo(300);
        assertThat(used(kind)).isZero();
    }

    private <T> T committed(Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(status -> work.get());
    }

    /** Runs {@code work} in a transaction that then rolls back. */
    private void rolledBack(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            work.run();
            status.setRollbackOnly();
        });
    }

    private long used(String errorKind) {
        return jdbc.sql("SELECT coalesce(sum(used_minor), 0) FROM budget_usage WHERE error_kind = ?")
                .param(errorKind)
                .query(Long.class)
                .single();
    }
}
