package org.amends.remedies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amends.remedies.fulfilment.ledger.CreditLedger;
import org.amends.testkit.EventSchemas;
import org.amends.testkit.Persona;
import org.amends.testkit.ServiceApi;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

class CreditLedgerIT extends RemedyServiceIT {

    static final Persona AGENT = Persona.agent("agent1");
    static final Persona ADMIN = Persona.admin("admin1");

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CreditLedger ledger;

    @Autowired
    TransactionTemplate transaction;

    /** A case whose policy offers a 15.00 EUR credit (EXECUTION, HIGH); returns the credit's remedy JSON. */
    tools.jackson.databind.JsonNode offeredCredit() {
        var caseId = CaseMother.open(rabbit, "EXECUTION", "HIGH");
        events.await(caseId.toString(), "amends.remedy.offered.v1", 2, Duration.ofSeconds(20));
        return RemedyLifecycleIT.awaitValue(() -> {
            var remedies = api.get("/api/cases/" + caseId + "/remedies", AGENT).json();
            for (var remedy : remedies) {
                if (remedy.path("type").asString().equals("CREDIT")) {
                    return remedy;
                }
            }
            return null;
        });
    }

    UUID customerOf(tools.jackson.databind.JsonNode remedy) {
        return jdbc.sql("SELECT customer_id FROM remedies WHERE id = ?")
                .param(UUID.fromString(remedy.path("id").asString()))
                .query(UUID.class)
                .single();
    }

    @Test
    void anAcceptedCreditIsWrittenToTheLedgerAndFulfilled() {
        var credit = offeredCredit();
        var customer = customerOf(credit);

        var accepted = api.post("/api/remedies/" + credit.path("id").asString() + "/acceptance", AGENT, null);

        assertThat(accepted.json().path("state").asString()).isEqualTo("FULFILLED");
        var fulfilled = events.await(
                        credit.path("caseId").asString(), "amends.remedy.fulfilled.v1", 1, Duration.ofSeconds(20))
                .getFirst();
        assertThat(fulfilled.path("data").path("channel").asString()).isEqualTo("LEDGER");
        var account =
                api.get("/api/remedies/ledger/customers/" + customer, AGENT).json();
        assertThat(account.path("balances").get(0).path("minorUnits").asLong()).isEqualTo(1500);
        assertThat(account.path("balances").get(0).path("currency").asString()).isEqualTo("EUR");
        assertThat(fulfilled.path("data").path("reference").asString())
                .isEqualTo(account.path("postings").get(0).path("transactionId").asString());
        assertThat(org.springframework.web.client.RestClient.create("http://localhost:" + port)
                        .get()
                        .uri("/actuator/prometheus")
                        .retrieve()
                        .body(String.class))
                .contains("amends_remedy_cost_minor_units_total{currency=\"EUR\",kind=\"CREDIT\"");
    }

    @Test
    void everyTransactionIsBalanced() {
        var credit = offeredCredit();
        api.post("/api/remedies/" + credit.path("id").asString() + "/acceptance", AGENT, null);

        var unbalanced = jdbc.sql("""
                        SELECT count(*) FROM (SELECT transaction_id FROM ledger_entries
                        GROUP BY transaction_id, currency HAVING sum(amount_minor) <> 0) t""").query(Long.class).single();

        assertThat(unbalanced).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_entries")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnbalancedTransactionIsRefusedAtCommit() {
        var id = UUID.randomUUID();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    jdbc.sql("INSERT INTO ledger_transactions (id, customer_id, description) VALUES (?, ?, 'x')")
                            .params(id, UUID.randomUUID())
                            .update();
                    jdbc.sql("""
                                    INSERT INTO ledger_entries (transaction_id, account, amount_minor, currency)
                                    VALUES (?, 'customer:x', 100, 'EUR')""").param(id).update();
                }))
                .rootCause()
                .hasMessageContaining("not balanced");
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_transactions WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void entriesAreImmutableAndAReversalIsANewBalancedTransaction() {
        var credit = offeredCredit();
        var customer = customerOf(credit);
        api.post("/api/remedies/" + credit.path("id").asString() + "/acceptance", AGENT, null);
        var original =
                ledger.creditOf(UUID.fromString(credit.path("id").asString())).orElseThrow();

        assertThatThrownBy(() -> jdbc.sql("UPDATE ledger_entries SET amount_minor = 1 WHERE transaction_id = ?")
                        .param(original)
                        .update())
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM ledger_entries WHERE transaction_id = ?")
                        .param(original)
                        .update())
                .hasMessageContaining("immutable");
        var reversal = ledger.reverse(original, "credited the wrong customer");

        assertThat(reversal).isNotEqualTo(original);
        assertThat(List.of(original, reversal))
                .as("time-ordered ids (TimeOrderedIds)")
                .allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        assertThat(ledger.balances(customer))
                .singleElement()
                .satisfies(balance -> assertThat(balance.minorUnits()).isZero());
        assertThat(ledger.statement(customer)).hasSize(2);
    }

    @Test
    void anAdminExportsTheCustomersRemediesAndLedgerAndSeesTheErasureCaseServiceAnnounced() {
        var credit = offeredCredit();
        var customer = customerOf(credit);
        api.post("/api/remedies/" + credit.path("id").asString() + "/acceptance", AGENT, null);
        var erasure = (ObjectNode)
                ServiceApi.JSON.readTree(EventSchemas.example("amends.case.customer-erased.v1", UUID.randomUUID()));
        erasure.put("subject", customer.toString());
        var data = (ObjectNode) erasure.get("data");
        data.put("customerId", customer.toString());
        data.putArray("caseIds").add(credit.path("caseId").asString());
        data.put("erasedAt", Instant.now().toString());
        CaseMother.publish(rabbit, "case.customer-erased.v1", erasure.toString());
        CaseMother.publish(rabbit, "case.customer-erased.v1", erasure.toString());
        RemedyLifecycleIT.awaitValue(() -> erasures(customer) == 1 ? Boolean.TRUE : null);

        var export = api.get("/api/remedies/customers/" + customer, ADMIN);

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        var record = export.json();
        assertThat(record.path("remedies").toString())
                .contains(credit.path("id").asString());
        assertThat(record.path("balances").get(0).path("minorUnits").asLong()).isEqualTo(1500);
        assertThat(record.path("postings")).hasSize(1);
        assertThat(record.path("erasure").path("erasedBy").asString()).isEqualTo("admin1");
        assertThat(erasures(customer)).isOne();
        assertThat(jdbc.sql("SELECT actor FROM privacy_audit WHERE customer_id = ?")
                        .param(customer)
                        .query(String.class)
                        .list())
                .containsExactly("admin1");
    }

    @Test
    void nobodyButAnAdminExportsACustomersRemedyRecord() {
        var customer = UUID.randomUUID();
        for (var persona : new Persona[] {AGENT, Persona.supervisor("supervisor1"), Persona.analyst("analyst1")}) {
            var refused = api.get("/api/remedies/customers/" + customer, persona);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.problemType()).isEqualTo("https://amends.org/problems/forbidden");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM privacy_audit WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    long erasures(UUID customer) {
        return jdbc.sql("SELECT count(*) FROM customer_erasures WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
    }
}
