package org.amends.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.amends.contracts.Subscriptions;
import org.amends.insight.Events.Case;
import org.amends.insight.spikes.SpikeDetector;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ReadModelIT extends InsightServiceIT {

    static final Persona ANALYST = Persona.analyst("ana");
    static final Persona ADMIN = Persona.admin("ada");

    @Autowired
    SpikeDetector spikes;

    @Autowired
    MeterRegistry meters;

    final String product = "product-" + UUID.randomUUID().toString().substring(0, 8);
    final Instant base = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void everyConnectionPlansEachStatementForItsOwnParametersAndTheTableAsItIsNow() {
        // A generic plan cached while a table was nearly empty kept scanning it whole once it had grown.
        for (int i = 0; i < 3; i++) {
            assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single())
                    .isEqualTo("force_custom_plan");
        }
    }

    @Test
    void casesSharingProductAndErrorKindFormOneProblemRankedByImpact() {
        var customer = UUID.randomUUID();
        var first = Case.of(product, "CALCULATION", base).customer(customer);
        var second = Case.of(product, "CALCULATION", base.plus(Duration.ofMinutes(5)))
                .customer(customer);
        var third = Case.of(product, "CALCULATION", base.plus(Duration.ofDays(1)));
        var other = Case.of(product, "EXECUTION", base);
        var remedy = UUID.randomUUID();
        publish(Events.opened(first));
        publish(Events.opened(second));
        publish(Events.opened(third));
        publish(Events.opened(other));
        publish(Events.remedyOffered(first, remedy, 1500, "EUR", Duration.ofMinutes(10)));
        publish(Events.remedyFulfilled(first, remedy, Duration.ofMinutes(20)));
        publish(Events.resolved(first, 3, "BILLING-RUN-DOUBLE-CHARGE", Duration.ofHours(2)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var page = api.get("/api/insights/problems?product=" + product, ANALYST);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            var items = page.json().path("items");
            assertThat(items.size()).isEqualTo(2);
            var top = items.path(0);
            assertThat(top.path("signature").asString()).isEqualTo(product + "/CALCULATION");
            assertThat(top.path("cases").asLong()).isEqualTo(3);
            assertThat(top.path("share").asDouble()).isEqualTo(0.75);
            assertThat(top.path("cumulativeShare").asDouble()).isEqualTo(0.75);
            assertThat(top.path("affectedCustomers").asLong()).isEqualTo(2);
            assertThat(top.path("openCases").asLong()).isEqualTo(2);
            assertThat(top.path("remedyCost").path(0).path("currency").asString())
                    .isEqualTo("EUR");
            assertThat(top.path("remedyCost").path(0).path("minorUnits").asLong())
                    .isEqualTo(1500);
            assertThat(items.path(1).path("cumulativeShare").asDouble()).isEqualTo(1.0);
        });

        var problemId = api.get("/api/insights/problems?product=" + product, ANALYST)
                .json()
                .path("items")
                .path(0)
                .path("problemId")
                .asString();
        var problem = api.get("/api/insights/problems/" + problemId, ANALYST).json();
        assertThat(problem.path("cases").size()).isEqualTo(3);
        assertThat(problem.path("trend").size()).isEqualTo(2);
        assertThat(problem.path("rootCauses").path(0).path("rootCauseCode").asString())
                .isEqualTo("BILLING-RUN-DOUBLE-CHARGE");
    }

    @Test
    void duplicatedAndReorderedEventsGiveTheStateOfTheHighestVersion() {
        var c = Case.of(product, "EXECUTION", base);
        var resolved = Events.resolved(c, 3, "ROOT-1", Duration.ofHours(3));
        var acknowledged = Events.acknowledged(c, 2, Duration.ofMinutes(30));
        var opened = Events.opened(c);

        publish(resolved);
        publish(acknowledged);
        publish(resolved);
        publish(opened);
        publish(acknowledged);
        publish(opened);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT count(*) FROM received_events WHERE subject = :id")
                                .param("id", c.caseId().toString())
                                .query(Long.class)
                                .single()
                        == 3);
        var row = jdbc.sql("SELECT * FROM cases WHERE case_id = :id")
                .param("id", c.caseId())
                .query()
                .singleRow();
        assertThat(row.get("status")).isEqualTo("RESOLVED");
        assertThat(row.get("version")).isEqualTo(3L);
        assertThat(row.get("acknowledged_at")).isNotNull();
        assertThat(row.get("opened_at")).isNotNull();
        assertThat(row.get("root_cause_code")).isEqualTo("ROOT-1");
        assertThat(row.get("problem_id")).isNotNull();

        publish(Events.reopened(c, 4, Duration.ofHours(5)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "OPEN"
                        .equals(jdbc.sql("SELECT status FROM cases WHERE case_id = :id")
                                .param("id", c.caseId())
                                .query(String.class)
                                .single()));
    }

    @Test
    void anImportsOpeningsAndAcknowledgementsInOneBatchLeaveTheRowsAndTimesOfEventsAppliedOneByOne() {
        var incident = UUID.randomUUID();
        var oneByOne = importedCases(incident);
        var batched = importedCases(incident);
        long measuredBefore = proactiveAcknowledgementsMeasured();
        importBatch(oneByOne, incident).forEach(event -> applyAsOneBatch(List.of(event)));
        long measuredOneByOne = proactiveAcknowledgementsMeasured() - measuredBefore;

        applyAsOneBatch(importBatch(batched, incident));

        assertThat(measuredOneByOne).as("each case's time to acknowledge, once").isEqualTo(5);
        assertThat(proactiveAcknowledgementsMeasured() - measuredBefore - measuredOneByOne)
                .isEqualTo(measuredOneByOne);
        var rows = caseRows(batched);
        assertThat(rows).isEqualTo(caseRows(oneByOne));
        assertThat(rows)
                .allSatisfy(row -> assertThat(row)
                        .containsEntry("status", "OPEN")
                        .containsEntry("version", 2L)
                        .containsEntry("incident_id", incident)
                        .containsEntry("acknowledgement_measured", true)
                        .containsEntry("acknowledged_within_sla", true)
                        .containsKey("opened_at"));
        assertThat(rows).extracting(row -> row.get("acknowledged_at")).doesNotContainNull();
    }

    /** Five proactive cases of one incident, opened a minute apart. */
    List<Case> importedCases(UUID incident) {
        return IntStream.range(0, 5)
                .mapToObj(i -> Case.of(product, "CALCULATION", base.plus(Duration.ofMinutes(i)))
                        .proactive())
                .toList();
    }

    /**
     * An import batch's events as the relay publishes them (openings, then acknowledgements), with what a batch may
     * also hold: an acknowledgement before its opening (c1, c3), a second copy of an opening (c2).
     */
    static List<String> importBatch(List<Case> c, UUID incident) {
        var ack = Duration.ofSeconds(30);
        return List.of(
                Events.acknowledged(c.get(1), 2, ack, incident),
                Events.opened(c.get(0), incident),
                Events.opened(c.get(1), incident),
                Events.opened(c.get(2), incident),
                Events.opened(c.get(2), incident),
                Events.opened(c.get(4), incident),
                Events.acknowledged(c.get(0), 2, ack, incident),
                Events.acknowledged(c.get(2), 2, ack, incident),
                Events.acknowledged(c.get(3), 2, ack, incident),
                Events.acknowledged(c.get(4), 2, ack, incident),
                Events.opened(c.get(3), incident));
    }

    /** The cases' rows in the order given, without what differs between two copies of a scenario (ids). */
    List<Map<String, Object>> caseRows(List<Case> cases) {
        return cases.stream()
                .map(c -> {
                    var row = new HashMap<>(jdbc.sql("SELECT * FROM cases WHERE case_id = :id")
                            .param("id", c.caseId())
                            .query()
                            .singleRow());
                    row.keySet().removeAll(Set.of("case_id", "reference", "customer_id"));
                    return (Map<String, Object>) row;
                })
                .toList();
    }

    long proactiveAcknowledgementsMeasured() {
        return meters
                .find("amends_insight_time_to_acknowledge_seconds")
                .tag("channel", "PROACTIVE")
                .summaries()
                .stream()
                .mapToLong(DistributionSummary::count)
                .sum();
    }

    @Test
    void aBatchOfRemedyEventsLeavesTheRowsAndCostsOfEventsAppliedOneByOne() {
        var oneByOne = remedyScenario();
        var batched = remedyScenario();
        double costBefore = remedyCostCounted();
        oneByOne.events().forEach(event -> applyAsOneBatch(List.of(event), Subscriptions.INSIGHT_REMEDY_EVENTS));
        double costOneByOne = remedyCostCounted() - costBefore;

        applyAsOneBatch(batched.events(), Subscriptions.INSIGHT_REMEDY_EVENTS);

        assertThat(costOneByOne)
                .as("the fulfilled remedies' 150 and 300, once each")
                .isEqualTo(450);
        assertThat(remedyCostCounted() - costBefore - costOneByOne).isEqualTo(costOneByOne);
        var rows = remedyRows(batched.remedies());
        assertThat(rows).isEqualTo(remedyRows(oneByOne.remedies()));
        assertThat(rows.get(0))
                .containsEntry("state", "FULFILLED")
                .containsEntry("remedy_type", "REFUND")
                .containsEntry("amount_minor_units", 150L)
                .containsEntry("cost_counted", true);
        assertThat(rows.get(0).get("fulfilled_at")).isNotNull();
        assertThat(rows.get(1))
                .as("a rejection and a late approval share a step: the first seen stays")
                .containsEntry("state", "REJECTED")
                .containsEntry("amount_minor_units", 200L)
                .containsEntry("cost_counted", false);
        assertThat(rows.get(2))
                .as("fulfilled before it was priced: counted when the price came")
                .containsEntry("state", "FULFILLED")
                .containsEntry("amount_minor_units", 300L)
                .containsEntry("cost_counted", true);
    }

    record RemedyScenario(List<UUID> remedies, List<String> events) {}

    /**
     * Three remedies of a fresh case, their events duplicated and out of order as a batch may hold them: the first
     * priced three times and fulfilled, its proposal last; the second rejected, then approved late; the third
     * fulfilled before its offer.
     */
    RemedyScenario remedyScenario() {
        var c = Case.of(product, "CALCULATION", base);
        var r = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        var minute = Duration.ofMinutes(1);
        return new RemedyScenario(
                r,
                List.of(
                        Events.remedyApproved(c, r.get(0), 100, "EUR", minute),
                        Events.remedyProposed(c, r.get(1), 200, "EUR", minute),
                        Events.remedyOffered(c, r.get(0), 150, "EUR", minute.multipliedBy(2)),
                        Events.remedyFulfilled(c, r.get(2), minute.multipliedBy(3)),
                        Events.remedyRejected(c, r.get(1), minute.multipliedBy(2)),
                        Events.remedyFulfilled(c, r.get(0), minute.multipliedBy(4)),
                        Events.remedyOffered(c, r.get(0), 150, "EUR", minute.multipliedBy(2)),
                        Events.remedyApproved(c, r.get(1), 200, "EUR", minute.multipliedBy(2)),
                        Events.remedyOffered(c, r.get(2), 300, "EUR", minute.multipliedBy(2)),
                        Events.remedyProposed(c, r.get(0), 100, "EUR", Duration.ZERO)));
    }

    /** The remedies' rows in the order given, without their ids. */
    List<Map<String, Object>> remedyRows(List<UUID> remedies) {
        return remedies.stream()
                .map(id -> {
                    var row = new HashMap<>(jdbc.sql("SELECT * FROM remedies WHERE remedy_id = :id")
                            .param("id", id)
                            .query()
                            .singleRow());
                    row.keySet().removeAll(Set.of("remedy_id", "case_id"));
                    return (Map<String, Object>) row;
                })
                .toList();
    }

    double remedyCostCounted() {
        return meters.find("amends_insight_remedy_cost_minor_units_total").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    @Test
    void rebuildingFromTheJournalGivesTheLiveReadModelRowForRow() {
        var a = Case.of(product, "CALCULATION", base);
        var b = Case.of(product, "MEASUREMENT", base.plus(Duration.ofHours(1)));
        var remedy = UUID.randomUUID();
        publish(Events.resolved(a, 3, "ROOT-A", Duration.ofHours(4)));
        publish(Events.opened(a));
        publish(Events.acknowledged(a, 2, Duration.ofMinutes(20)));
        publish(Events.remedyFulfilled(a, remedy, Duration.ofHours(2)));
        publish(Events.remedyOffered(a, remedy, 999, "GBP", Duration.ofHours(1)));
        publish(Events.feedback(a, 4, 5, true, Duration.ofHours(6)));
        publish(Events.opened(b));
        // A proactive case, opened for an incident: in the read model, not in the spike slots, live or rebuilt.
        var proactive = Case.of(product, "MEASUREMENT", base.plus(Duration.ofMinutes(61)))
                .proactive();
        publish(Events.opened(proactive, UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT count(*) FROM cases WHERE case_id = :id AND opened_at IS NOT NULL")
                                .param("id", proactive.caseId())
                                .query(Long.class)
                                .single()
                        == 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT count(*) FROM cases WHERE case_id IN (:ids) AND rating IS NOT NULL"
                                        + " OR case_id = :b AND opened_at IS NOT NULL")
                                .param("ids", java.util.List.of(a.caseId()))
                                .param("b", b.caseId())
                                .query(Long.class)
                                .single()
                        == 2);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT count(*) FROM remedies WHERE remedy_id = :id AND cost_counted")
                                .param("id", remedy)
                                .query(Long.class)
                                .single()
                        == 1);
        var cases = rows("cases", "case_id");
        var remedies = rows("remedies", "remedy_id");
        var problems = rows("problems", "problem_id");
        var figures = api.get("/api/insights/figures?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z", ANALYST)
                .body();
        // Live slots as the schedule leaves them: a rebuild recounts only the slots kept.
        spikes.pruneSlots();
        var slots = rows("spike_slots", "signature, slot");
        assertThat(slots)
                .extracting(row -> row.get("signature"))
                .contains(product + "/CALCULATION", product + "/MEASUREMENT");
        assertThat(casesInSlots(product + "/MEASUREMENT")).as("b alone").isEqualTo(1);
        // Counted wrong (say by a bug since fixed): the rebuild counts them again from the cases.
        jdbc.sql("UPDATE spike_slots SET cases = cases + 100 WHERE signature = :s")
                .param("s", product + "/CALCULATION")
                .update();

        var rebuilt = api.post("/api/insights/admin/rebuild", ADMIN, null);

        assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
        assertThat(rebuilt.json().path("eventsReplayed").asLong()).isGreaterThanOrEqualTo(7);
        assertThat(rows("cases", "case_id")).isEqualTo(cases);
        assertThat(rows("remedies", "remedy_id")).isEqualTo(remedies);
        assertThat(rows("problems", "problem_id")).isEqualTo(problems);
        assertThat(rows("spike_slots", "signature, slot")).isEqualTo(slots);
        assertThat(api.get("/api/insights/figures?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z", ANALYST)
                        .body())
                .isEqualTo(figures);
    }
}
