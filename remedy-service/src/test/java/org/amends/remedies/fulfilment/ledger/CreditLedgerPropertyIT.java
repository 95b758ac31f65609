package org.amends.remedies.fulfilment.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.amends.remedies.model.Money;
import org.amends.testkit.TestPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credit ledger on a real PostgreSQL database with remedy-service's migrations, under any sequence of credits,
 * repeated credits, reversals, repeated reversals and unbalanced postings: every transaction balances, all accounts
 * together sum to zero per currency, refused operations leave no row, and each customer's balance is what the
 * operations that succeeded add up to.
 */
class CreditLedgerPropertyIT {

    static final TestPostgres.Database DATABASE = TestPostgres.freshDatabase("remedy_ledger");
    static final JdbcClient JDBC;
    static final TransactionTemplate TRANSACTION;
    static final CreditLedger LEDGER;

    static {
        // One connection for the whole property: thousands of short transactions, no pool held open beside the ITs'.
        var dataSource =
                new SingleConnectionDataSource(DATABASE.jdbcUrl(), DATABASE.username(), DATABASE.password(), true);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        JDBC = JdbcClient.create(dataSource);
        TRANSACTION = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        LEDGER = new CreditLedger(JDBC);
    }

    sealed interface Operation {}

    record Credit(int remedy, int customer, long minorUnits, String currency) implements Operation {}

    record Reverse(int transaction) implements Operation {}

    record Unbalanced(int customer, long minorUnits, String currency) implements Operation {}

    /** What a posted transaction did to its customer's account. */
    record Posted(UUID id, UUID customer, long minorUnits, String currency) {}

    @Property(tries = 200)
    void everySequenceKeepsTheLedgerBalanced(@ForAll("operations") List<Operation> operations) {
        var remedies = new ArrayList<UUID>();
        var customers = new ArrayList<UUID>();
        for (int i = 0; i < 4; i++) {
            remedies.add(UUID.randomUUID());
            customers.add(UUID.randomUUID());
        }
        var credited = new HashMap<UUID, Boolean>();
        var reversed = new HashMap<UUID, Boolean>();
        var posted = new ArrayList<Posted>();
        var expected = new HashMap<String, Long>();
        for (var operation : operations) {
            switch (operation) {
                case Credit credit -> {
                    var remedy = remedies.get(credit.remedy());
                    var customer = customers.get(credit.customer());
                    var amount = Money.of(credit.minorUnits(), credit.currency());
                    if (credited.containsKey(remedy)) {
                        assertThatThrownBy(() -> TRANSACTION.executeWithoutResult(
                                        status -> LEDGER.credit(remedy, customer, amount, "again")))
                                .isInstanceOf(DataAccessException.class);
                    } else {
                        var id = TRANSACTION.execute(status -> LEDGER.credit(remedy, customer, amount, "credit"));
                        credited.put(remedy, true);
                        posted.add(new Posted(id, customer, credit.minorUnits(), credit.currency()));
                        expected.merge(customer + credit.currency(), credit.minorUnits(), Long::sum);
                    }
                }
                case Reverse reverse -> {
                    if (posted.isEmpty()) {
                        continue;
                    }
                    var original = posted.get(reverse.transaction() % posted.size());
                    if (reversed.containsKey(original.id())) {
                        assertThatThrownBy(() -> TRANSACTION.execute(status -> LEDGER.reverse(original.id(), "again")))
                                .isInstanceOf(DataAccessException.class);
                    } else {
                        var id = TRANSACTION.execute(status -> LEDGER.reverse(original.id(), "wrong customer"));
                        reversed.put(original.id(), true);
                        posted.add(new Posted(id, original.customer(), -original.minorUnits(), original.currency()));
                        expected.merge(original.customer() + original.currency(), -original.minorUnits(), Long::sum);
                    }
                }
                case Unbalanced unbalanced -> {
                    var customer = customers.get(unbalanced.customer());
                    var transaction = UUID.randomUUID();
                    assertThatThrownBy(() -> TRANSACTION.executeWithoutResult(status -> {
                                JDBC.sql("INSERT INTO ledger_transactions (id, customer_id, description)"
                                                + " VALUES (?, ?, 'one-sided')")
                                        .params(transaction, customer)
                                        .update();
                                JDBC.sql("INSERT INTO ledger_entries (transaction_id, account, amount_minor, currency)"
                                                + " VALUES (?, ?, ?, ?)")
                                        .params(
                                                transaction,
                                                CreditLedger.customerAccount(customer),
                                                unbalanced.minorUnits(),
                                                unbalanced.currency())
                                        .update();
                            }))
                            // refused at commit by the deferred balance trigger
                            .isInstanceOf(TransactionSystemException.class);
                    assertThat(JDBC.sql("SELECT count(*) FROM ledger_transactions WHERE id = ?")
                                    .param(transaction)
                                    .query(Long.class)
                                    .single())
                            .isZero();
                }
            }
            assertBalanced();
        }
        for (var customer : customers) {
            var balances = new HashMap<String, Long>();
            LEDGER.balances(customer).forEach(b -> balances.put(customer + b.currency(), b.minorUnits()));
            var own = new HashMap<String, Long>();
            expected.forEach((key, value) -> {
                if (key.startsWith(customer.toString())) {
                    own.put(key, value);
                }
            });
            assertThat(balances).isEqualTo(own);
        }
    }

    private static void assertBalanced() {
        assertThat(JDBC.sql("""
                        SELECT count(*) FROM (SELECT transaction_id FROM ledger_entries
                        GROUP BY transaction_id, currency HAVING sum(amount_minor) <> 0) unbalanced""").query(Long.class).single()).isZero();
        assertThat(JDBC.sql("""
                        SELECT count(*) FROM (SELECT currency FROM ledger_entries
                        GROUP BY currency HAVING sum(amount_minor) <> 0) unbalanced""").query(Long.class).single()).isZero();
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        var index = Arbitraries.integers().between(0, 3);
        var amount = Arbitraries.longs().between(1, 1_000_000_000L);
        var currency = Arbitraries.of("EUR", "USD", "JPY");
        Arbitrary<Operation> credit =
                Combinators.combine(index, index, amount, currency).as(Credit::new);
        Arbitrary<Operation> reverse = Arbitraries.integers().between(0, 50).map(Reverse::new);
        Arbitrary<Operation> unbalanced =
                Combinators.combine(index, amount, currency).as(Unbalanced::new);
        return Arbitraries.frequencyOf(Tuple.of(5, credit), Tuple.of(3, reverse), Tuple.of(1, unbalanced))
                .list()
                .ofMaxSize(15);
    }
}
