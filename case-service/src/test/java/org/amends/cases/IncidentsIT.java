package org.amends.cases;

import static org.amends.cases.RemedyEventMother.awaitTrue;
import static org.amends.cases.RemedyEventMother.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.amends.cases.intake.IntakePressure;
import org.amends.contracts.Subscriptions;
import org.amends.messaging.outbox.BulkPacing;
import org.amends.testkit.NiceValues;
import org.amends.testkit.Persona;
import org.amends.testkit.PreparedPlans;
import org.amends.testkit.ServiceApi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class IncidentsIT extends CaseServiceIT {

    static final Persona SUPERVISOR = Persona.supervisor("super1");
    static final Persona ADMIN = Persona.admin("admin1");
    static final Persona AGENT = Persona.agent("agent1");
    static final Persona ANALYST = Persona.analyst("analyst1");
    static final Persona BILLING = Persona.partner("billing-partner");
    static final Persona OTHER_PARTNER = Persona.partner("other-partner");
    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    IntakePressure pressure;

    @Autowired
    BulkPacing bulkPacing;

    @Autowired
    RabbitTemplate rabbit;

    /** A product no other test uses, so an incident's signature matches only this test's cases. */
    static String product() {
        return "Broadband " + UUID.randomUUID();
    }

    static String incidentBody(String product, String... partners) {
        var body = ServiceApi.JSON.createObjectNode();
        body.put("title", "March billing run charged twice");
        body.put("product", product);
        body.put("errorKind", "CALCULATION");
        var statement = body.putObject("statement");
        statement.put("en", "Our March billing run charged the monthly fee twice. We are refunding it.");
        statement.put("es", "Nuestra facturación de marzo cobró la cuota dos veces. La estamos reembolsando.");
        var list = body.putArray("partners");
        for (var partner : partners) {
            list.add(partner);
        }
        return body.toString();
    }

    JsonNode declare(String product, String... partners) {
        var response = api().post("/api/incidents", SUPERVISOR, incidentBody(product, partners));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    ServiceApi.Response fileCase(String product, String errorKind, String locale) {
        return api().post("/api/cases", AGENT, CaseMother.json(b -> {
            b.put("product", product);
            b.put("errorKind", errorKind);
            ((ObjectNode) b.get("customer")).put("locale", locale);
        }));
    }

    ServiceApi.Response patch(String incidentId, Persona persona, String body, String... headers) {
        var all = new String[headers.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        return api().send("PATCH", "/api/incidents/" + incidentId, api().token(persona), body, all);
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Nested
    class Lifecycle {

        @Test
        void aSupervisorDeclaresAnIncidentWithAHumanReferenceAndAnETag() {
            var response = api().post("/api/incidents", SUPERVISOR, incidentBody(product()));

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.header("ETag")).contains("\"1\"");
            var incident = response.json();
            assertThat(response.header("Location"))
                    .contains("/api/incidents/" + incident.path("id").asString());
            assertThat(incident.path("reference").asString()).matches("INC-\\d{6}");
            assertThat(incident.path("status").asString()).isEqualTo("OPEN");
            assertThat(incident.at("/statement/es").asString()).startsWith("Nuestra");
            assertThat(incident.at("/linkedCases/total").asLong()).isZero();
        }

        @Test
        void badInputIsRefusedFieldByFieldAndWritesNothing() {
            var before = count("SELECT count(*) FROM incidents");

            var response = api().post(
                            "/api/incidents",
                            SUPERVISOR,
                            "{\"title\":\"\",\"product\":\"P\",\"errorKind\":\"TYPO\",\"statement\":{\"en\":\"x\"},"
                                    + "\"partners\":[\"bad id!\"]}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.problemType()).isEqualTo("https://amends.org/problems/validation");
            assertThat(response.json()
                            .path("errors")
                            .valueStream()
                            .map(e -> e.path("field").asString()))
                    .containsExactlyInAnyOrder("title", "errorKind", "statement.es", "partners.0");
            assertThat(count("SELECT count(*) FROM incidents")).isEqualTo(before);
        }

        @Test
        void onlySupervisorsAndAdminsWriteWhileAgentsAndAnalystsRead() {
            assertThat(api().post("/api/incidents", AGENT, incidentBody(product()))
                            .status())
                    .isEqualTo(403);
            assertThat(api().post("/api/incidents", ANALYST, incidentBody(product()))
                            .status())
                    .isEqualTo(403);
            assertThat(api().post("/api/incidents", ADMIN, incidentBody(product()))
                            .status())
                    .isEqualTo(201);
            var id = declare(product()).path("id").asString();

            assertThat(api().get("/api/incidents/" + id, AGENT).status()).isEqualTo(200);
            assertThat(api().get("/api/incidents/" + id, ANALYST).status()).isEqualTo(200);
            assertThat(patch(id, AGENT, "{\"status\":\"MITIGATED\"}").status()).isEqualTo(403);
            assertThat(api().post("/api/incidents/" + id + "/updates", AGENT, "{\"en\":\"a\",\"es\":\"b\"}")
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void changesFollowTheVersionAndAResolvedIncidentChangesNoMore() {
            var id = declare(product()).path("id").asString();

            var mitigated = patch(id, SUPERVISOR, "{\"status\":\"MITIGATED\"}", "If-Match", "\"1\"");
            var stale = patch(id, SUPERVISOR, "{\"title\":\"Again\"}", "If-Match", "\"1\"");
            var noCause = patch(id, SUPERVISOR, "{\"status\":\"RESOLVED\"}");
            var resolved = patch(
                    id,
                    SUPERVISOR,
                    "{\"status\":\"RESOLVED\",\"rootCause\":{\"code\":\"BILLING-RUN-TWICE\",\"summary\":\"Cron ran"
                            + " twice.\"}}");
            var after = patch(id, SUPERVISOR, "{\"status\":\"OPEN\"}");

            assertThat(mitigated.status()).isEqualTo(200);
            assertThat(mitigated.header("ETag")).contains("\"2\"");
            assertThat(mitigated.json().path("status").asString()).isEqualTo("MITIGATED");
            assertThat(stale.status()).isEqualTo(412);
            assertThat(noCause.status()).isEqualTo(400);
            assertThat(noCause.json().at("/errors/0/field").asString()).isEqualTo("rootCause");
            assertThat(resolved.status()).isEqualTo(200);
            assertThat(resolved.json().at("/rootCause/code").asString()).isEqualTo("BILLING-RUN-TWICE");
            assertThat(after.status()).isEqualTo(409);
            assertThat(api().get("/api/incidents/" + id, SUPERVISOR)
                            .json()
                            .path("version")
                            .asLong())
                    .isEqualTo(3);
        }

        @Test
        void listsArePagedWithACursorNewestFirst() {
            declare(product());
            declare(product());
            declare(product());

            var first = api().get("/api/incidents?limit=2", ANALYST).json();
            var second = api().get(
                            "/api/incidents?limit=2&cursor="
                                    + first.path("next").asString(),
                            ANALYST)
                    .json();

            assertThat(first.path("items")).hasSize(2);
            assertThat(second.path("items")).isNotEmpty();
            var firstIds = first.path("items")
                    .valueStream()
                    .map(i -> i.path("id").asString())
                    .toList();
            assertThat(second.path("items").valueStream().map(i -> i.path("id").asString()))
                    .doesNotContainAnyElementsOf(firstIds);
            assertThat(api().get("/api/incidents?cursor=nonsense", ANALYST).status())
                    .isEqualTo(400);
        }
    }

    @Nested
    class Partners {

        @Test
        void aPartnerSeesOnlyTheIncidentsThatListIt() {
            var granted = declare(product(), "billing-partner").path("id").asString();
            var other = declare(product(), "other-partner").path("id").asString();

            assertThat(api().get("/api/incidents/" + granted, BILLING).status()).isEqualTo(200);
            assertThat(api().get("/api/incidents/" + other, BILLING).status()).isEqualTo(404);
            var listed = api().get("/api/incidents?limit=100", BILLING).json().path("items");
            assertThat(listed.valueStream().map(i -> i.path("id").asString()))
                    .contains(granted)
                    .doesNotContain(other);
            assertThat(listed.valueStream()
                            .flatMap(i -> i.path("partners").valueStream())
                            .map(JsonNode::asString))
                    .containsOnly("billing-partner");
        }

        @Test
        void onlyAListedPartnerReportsAffectedCustomersAndFollowsItsOwnJob() {
            var id = declare(product(), "billing-partner").path("id").asString();
            var list = line("p-1", "en", "\"email\":\"p1@example.org\"") + "\n";

            var reported = api().post("/api/incidents/" + id + "/affected", BILLING, list);
            var unlisted = api().post("/api/incidents/" + id + "/affected", OTHER_PARTNER, list);
            var agent = api().post("/api/incidents/" + id + "/affected", AGENT, list);

            assertThat(reported.status()).isEqualTo(202);
            var location = reported.header("Location").orElseThrow();
            assertThat(location).startsWith("/api/jobs/");
            assertThat(unlisted.status()).isEqualTo(404);
            assertThat(agent.status()).isEqualTo(403);
            assertThat(api().get(location, BILLING).status()).isEqualTo(200);
            assertThat(api().get(location, OTHER_PARTNER).status()).isEqualTo(404);
            assertThat(api().get(location, SUPERVISOR).status()).isEqualTo(200);
        }

        @Test
        void anIncidentsImportsAreListedNewestFirstToSupervisorsAndAPartnerSeesOnlyItsOwn() {
            var id = declare(product(), "billing-partner").path("id").asString();
            var list = line("l-1", "en", "\"email\":\"l1@example.org\"") + "\n";
            var byPartner = api().post("/api/incidents/" + id + "/affected", BILLING, list);
            var bySupervisor = api().post("/api/incidents/" + id + "/affected", SUPERVISOR, list + "{not json\n");
            var partnerJob = byPartner.json().path("id").asString();
            var supervisorJob = bySupervisor.json().path("id").asString();
            awaitJob(bySupervisor.header("Location").orElseThrow(), "COMPLETED");

            var all = api().get("/api/incidents/" + id + "/jobs", SUPERVISOR);
            var own = api().get("/api/incidents/" + id + "/jobs", BILLING);

            assertThat(all.status()).isEqualTo(200);
            assertThat(all.json()
                            .path("items")
                            .valueStream()
                            .map(j -> j.path("id").asString()))
                    .containsExactly(supervisorJob, partnerJob);
            var newest = all.json().path("items").get(0);
            assertThat(newest.path("state").asString()).isEqualTo("COMPLETED");
            assertThat(newest.path("total").asInt()).isEqualTo(2);
            assertThat(newest.path("rejected").asInt()).isEqualTo(1);
            assertThat(newest.path("submittedBy").asString()).isEqualTo("super1");
            assertThat(newest.has("rejectedLines")).isFalse();
            assertThat(own.json()
                            .path("items")
                            .valueStream()
                            .map(j -> j.path("id").asString()))
                    .containsExactly(partnerJob);
            assertThat(api().get("/api/incidents/" + id + "/jobs?limit=1", SUPERVISOR)
                            .json()
                            .path("items")
                            .size())
                    .isEqualTo(1);
            assertThat(api().get("/api/incidents/" + id + "/jobs?limit=0", SUPERVISOR)
                            .status())
                    .isEqualTo(400);
            assertThat(api().get("/api/incidents/" + id + "/jobs", OTHER_PARTNER)
                            .status())
                    .isEqualTo(404);
            assertThat(api().get("/api/incidents/" + id + "/jobs", AGENT).status())
                    .isEqualTo(403);
        }
    }

    @Nested
    class Linking {

        @Test
        void aLaterCaseWithTheSignatureIsLinkedAndAcknowledgedAtOnceWithTheStatement() {
            try (var events = tapEvents()) {
                var product = product();
                var incident = declare(product);

                var matching = fileCase(product.toUpperCase(java.util.Locale.ROOT), "CALCULATION", "es");
                var otherKind = fileCase(product, "EXECUTION", "en");

                assertThat(matching.status()).isEqualTo(201);
                var caseId = matching.json().path("id").asString();
                assertThat(matching.json().path("status").asString()).isEqualTo("ACKNOWLEDGED");
                var acknowledged = events.await(caseId, "amends.case.acknowledged.v1", 1, WAIT)
                        .getFirst();
                assertThat(acknowledged.at("/data/acknowledgedBy").asString())
                        .isEqualTo(incident.path("reference").asString());
                assertThat(acknowledged.at("/data/incidentId").asString())
                        .isEqualTo(incident.path("id").asString());
                var opened =
                        events.await(caseId, "amends.case.opened.v1", 1, WAIT).getFirst();
                assertThat(opened.at("/data/incidentId").asString())
                        .isEqualTo(incident.path("id").asString());
                assertThat(opened.at("/data/amountMinorUnits").isNull()).isTrue();
                var link =
                        api().get("/api/cases/" + caseId + "/incident", AGENT).json();
                assertThat(link.path("reference").asString())
                        .isEqualTo(incident.path("reference").asString());
                var timeline =
                        api().get("/api/cases/" + caseId + "/timeline", AGENT).json();
                assertThat(timeline.path("entries")
                                .valueStream()
                                .map(e -> e.path("text").asString()))
                        .anySatisfy(text -> assertThat(text).startsWith("Nuestra facturación"));
                assertThat(otherKind.json().path("status").asString()).isEqualTo("RECEIVED");
                assertThat(api().get("/api/cases/" + otherKind.json().path("id").asString() + "/incident", AGENT)
                                .status())
                        .isEqualTo(404);
                assertThat(events.await(otherKind.json().path("id").asString(), "amends.case.opened.v1", 1, WAIT)
                                .getFirst()
                                .at("/data/incidentId")
                                .isNull())
                        .isTrue();
            }
        }

        @Test
        void anAgentLinksAndUnlinksByHand() {
            var incidentId = declare(product()).path("id").asString();
            var caseId =
                    fileCase(product(), "CALCULATION", "en").json().path("id").asString();
            var body = "{\"incidentId\":\"" + incidentId + "\"}";

            assertThat(api().put("/api/cases/" + caseId + "/incident", ANALYST, body)
                            .status())
                    .isEqualTo(403);
            var linked = api().put("/api/cases/" + caseId + "/incident", AGENT, body);

            assertThat(linked.status()).isEqualTo(200);
            assertThat(api().get("/api/cases/" + caseId, AGENT)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("ACKNOWLEDGED");
            assertThat(api().get("/api/incidents/" + incidentId, AGENT)
                            .json()
                            .at("/linkedCases/byStatus/ACKNOWLEDGED")
                            .asLong())
                    .isEqualTo(1);
            assertThat(api().send("DELETE", "/api/cases/" + caseId + "/incident", api().token(AGENT), null)
                            .status())
                    .isEqualTo(204);
            assertThat(api().get("/api/cases/" + caseId + "/incident", AGENT).status())
                    .isEqualTo(404);
        }
    }

    @Nested
    class RemedyCounts {

        @Test
        void theIncidentCountsItsLinkedCasesRemediesByTheirLatestState() {
            var product = product();
            var id = declare(product).path("id").asString();
            var first = fileCase(product, "CALCULATION", "en").json().path("id").asString();
            var second =
                    fileCase(product, "CALCULATION", "es").json().path("id").asString();
            var unlinked =
                    fileCase(product(), "CALCULATION", "en").json().path("id").asString();

            RemedyEventMother.publish("amends.remedy.offered.v1", first, UUID.randomUUID());
            var fulfilled = UUID.randomUUID();
            RemedyEventMother.publish("amends.remedy.offered.v1", second, fulfilled);
            RemedyEventMother.publish("amends.remedy.fulfilled.v1", second, fulfilled);
            RemedyEventMother.publish("amends.remedy.offered.v1", unlinked, UUID.randomUUID());

            RemedyEventMother.awaitTrue(
                    "remedies counted on the incident",
                    () -> api().get("/api/incidents/" + id, SUPERVISOR)
                                    .json()
                                    .at("/linkedCases/remediesByState/FULFILLED")
                                    .asLong(0)
                            == 1);
            var counts = api().get("/api/incidents/" + id, AGENT).json().at("/linkedCases/remediesByState");
            assertThat(counts.path("OFFERED").asLong()).isEqualTo(1);
            assertThat(counts.path("FULFILLED").asLong()).isEqualTo(1);
            assertThat(counts.size()).isEqualTo(2);
        }
    }

    @Nested
    class Updates {

        @Test
        void oneUpdateReachesEveryLinkedStatusPageInTheCustomersLanguageWithoutAWritePerCase() {
            var product = product();
            var id = declare(product).path("id").asString();
            var spanish =
                    fileCase(product, "CALCULATION", "es").json().path("id").asString();
            var english =
                    fileCase(product, "CALCULATION", "en").json().path("id").asString();
            var timelineRows = count(
                    "SELECT count(*) FROM timeline WHERE case_id IN (?, ?)",
                    UUID.fromString(spanish),
                    UUID.fromString(english));

            var posted = api().post(
                            "/api/incidents/" + id + "/updates",
                            SUPERVISOR,
                            "{\"en\":\"Refunds go out on Friday.\",\"es\":\"Los reembolsos salen el viernes.\"}");

            assertThat(posted.status()).isEqualTo(201);
            assertThat(count(
                            "SELECT count(*) FROM timeline WHERE case_id IN (?, ?)",
                            UUID.fromString(spanish),
                            UUID.fromString(english)))
                    .isEqualTo(timelineRows);
            assertThat(statusPageTexts(spanish)).contains("Los reembolsos salen el viernes.");
            assertThat(statusPageTexts(english)).contains("Refunds go out on Friday.");
        }

        private java.util.List<String> statusPageTexts(String caseId) {
            var link = api().post("/api/cases/" + caseId + "/status-token", AGENT, null)
                    .json()
                    .path("statusLink")
                    .asString();
            var page = api().send("GET", "/api/public/status/" + link.substring(link.lastIndexOf('/') + 1), null, null);
            assertThat(page.status()).isEqualTo(200);
            return page.json()
                    .path("timeline")
                    .valueStream()
                    .map(e -> e.path("text").asString())
                    .toList();
        }
    }

    @Nested
    class Resolution {

        @Test
        void resolvingTheIncidentResolvesEachLinkedCaseWithoutOpenWorkWithItsOwnEvent() {
            try (var events = tapEvents()) {
                var product = product();
                var id = declare(product).path("id").asString();
                var free =
                        fileCase(product, "CALCULATION", "en").json().path("id").asString();
                var busy =
                        fileCase(product, "CALCULATION", "es").json().path("id").asString();
                var offer = publish("amends.remedy.offered.v1", busy, UUID.randomUUID());
                awaitTrue(
                        "offer applied",
                        () -> count(
                                        "SELECT count(*) FROM processed_events WHERE event_id = ?",
                                        RemedyEventMother.idOf(offer))
                                == 1);

                var resolved = patch(
                        id,
                        SUPERVISOR,
                        "{\"status\":\"RESOLVED\",\"rootCause\":{\"code\":\"BILLING-RUN-TWICE\","
                                + "\"summary\":\"The billing job ran twice.\"}}");

                assertThat(resolved.status()).isEqualTo(200);
                assertThat(resolved.header("Amends-Cases-Resolved")).contains("1");
                assertThat(api().get("/api/cases/" + free, AGENT)
                                .json()
                                .path("status")
                                .asString())
                        .isEqualTo("RESOLVED");
                assertThat(api().get("/api/cases/" + busy, AGENT)
                                .json()
                                .path("status")
                                .asString())
                        .isEqualTo("ACKNOWLEDGED");
                var event =
                        events.await(free, "amends.case.resolved.v1", 1, WAIT).getFirst();
                assertThat(event.at("/data/rootCauseCode").asString()).isEqualTo("BILLING-RUN-TWICE");
                assertThat(resolved.json().at("/linkedCases/byStatus/RESOLVED").asLong())
                        .isEqualTo(1);
            }
        }
    }

    static String line(String ref, String locale, String contact) {
        return "{\"customerRef\":\"" + ref + "\",\"name\":\"Customer " + ref + "\"," + contact + ",\"locale\":\""
                + locale + "\",\"orderRef\":\"INV-" + ref + "\",\"amountMinor\":1299,\"currency\":\"EUR\"}";
    }

    JsonNode awaitJob(String location, String state) {
        awaitTrue(
                "job " + location + " " + state,
                () -> api().get(location, SUPERVISOR)
                        .json()
                        .path("state")
                        .asString()
                        .equals(state));
        return api().get(location, SUPERVISOR).json();
    }

    @Nested
    class ProactiveCases {

        @Test
        void eachAffectedCustomerGetsOneAcknowledgedProactiveCaseAndBadLinesAreRejectedAlone() {
            try (var events = tapEvents()) {
                var id = declare(product()).path("id").asString();
                var list = String.join(
                        "\n",
                        line("c-1", "en", "\"email\":\"c1@example.org\""),
                        line("c-2", "es", "\"phone\":\"+34 600 000 000\""),
                        "{not json",
                        line("c-1", "en", "\"email\":\"c1-again@example.org\""),
                        "",
                        "{\"customerRef\":\"c-3\",\"name\":\"No Contact\",\"locale\":\"fr\"}",
                        line("c-4", "en", "\"email\":\"c4@example.org\""));

                var accepted = api().post("/api/incidents/" + id + "/affected", SUPERVISOR, list);

                assertThat(accepted.status()).isEqualTo(202);
                var location = accepted.header("Location").orElseThrow();
                var job = awaitJob(location, "COMPLETED");
                assertThat(job.path("total").asInt()).isEqualTo(6);
                assertThat(job.path("processed").asInt()).isEqualTo(6);
                assertThat(job.path("created").asInt()).isEqualTo(3);
                assertThat(job.path("duplicates").asInt()).isEqualTo(1);
                assertThat(job.path("rejected").asInt()).isEqualTo(2);
                assertThat(job.path("rejectedLines")
                                .valueStream()
                                .map(l -> l.path("line").asInt()))
                        .containsExactly(3, 6);
                assertThat(job.at("/rejectedLines/1/reason").asString())
                        .contains("customer: needs an email or a phone")
                        .contains("locale");
                var cases = jdbc.sql("""
                                SELECT c.id, c.channel, c.status FROM incident_customers ic
                                JOIN cases c ON c.id = ic.case_id WHERE ic.incident_id = ?""")
                        .param(UUID.fromString(id))
                        .query((rs, n) ->
                                new String[] {rs.getString("id"), rs.getString("channel") + "/" + rs.getString("status")
                                })
                        .list();
                assertThat(cases).hasSize(3);
                for (var aCase : cases) {
                    assertThat(aCase[1]).isEqualTo("PROACTIVE/ACKNOWLEDGED");
                    assertThat(UUID.fromString(aCase[0]).version())
                            .as("a time-ordered id (TimeOrderedIds)")
                            .isEqualTo(7);
                    var opened = events.await(aCase[0], "amends.case.opened.v1", 1, WAIT)
                            .getFirst();
                    assertThat(opened.at("/data/incidentId").asString()).isEqualTo(id);
                    assertThat(opened.at("/data/amountMinorUnits").asLong()).isEqualTo(1299);
                    assertThat(opened.at("/data/currency").asString()).isEqualTo("EUR");
                    var acknowledged = events.await(aCase[0], "amends.case.acknowledged.v1", 1, WAIT)
                            .getFirst();
                    assertThat(acknowledged.at("/data/incidentId").asString()).isEqualTo(id);
                }
                // Born acknowledged: the row says when, as a case acknowledged by hand does.
                assertThat(count(
                                "SELECT count(*) FROM cases WHERE incident_id = ? AND acknowledged_at IS NOT NULL"
                                        + " AND version = 2",
                                UUID.fromString(id)))
                        .isEqualTo(3);
                assertThat(count(
                                "SELECT count(*) FROM status_tokens t JOIN incident_customers ic ON ic.case_id ="
                                        + " t.case_id WHERE ic.incident_id = ?",
                                UUID.fromString(id)))
                        .isEqualTo(3);

                var again = api().post("/api/incidents/" + id + "/affected", SUPERVISOR, list);
                var second = awaitJob(again.header("Location").orElseThrow(), "COMPLETED");

                assertThat(second.path("created").asInt()).isZero();
                assertThat(second.path("duplicates").asInt()).isEqualTo(4);
                assertThat(second.path("rejected").asInt()).isEqualTo(2);
                assertThat(count("SELECT count(*) FROM cases WHERE incident_id = ?", UUID.fromString(id)))
                        .isEqualTo(3);
            }
        }

        @Test
        void theImportsEventsWaitWhileAConsumerHasMoreThanEnoughQueued() throws Exception {
            // The queue insight-service consumes case events from, unbound here so no other test's events reach it.
            var queue = Subscriptions.INSIGHT_CASE_EVENTS.queue();
            var admin = new RabbitAdmin(rabbit);
            admin.declareQueue(new Queue(queue, false));
            try {
                assertThat(bulkPacing.holdBulk()).as("an empty queue").isFalse();
                var message = new Message("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                rabbit.invoke(operations -> {
                    for (int i = 0; i <= 1_000; i++) {
                        operations.send("", queue, message);
                    }
                    return null;
                });
                awaitTrue("the relay holds bulk events while the queue is deep", bulkPacing::holdBulk);
                admin.purgeQueue(queue);
                awaitTrue("and lets them go once it is drained", () -> !bulkPacing.holdBulk());
            } finally {
                admin.deleteQueue(queue);
            }
        }

        @Test
        void theImportsEventsWaitWhileTheImportIsStillWriting() {
            var id = declare(product()).path("id").asString();
            var list = new StringBuilder();
            for (int i = 0; i < 5_000; i++) {
                list.append(line("writing-" + i, "en", "\"email\":\"w" + i + "@example.org\""))
                        .append('\n');
            }
            var accepted = api().post("/api/incidents/" + id + "/affected", SUPERVISOR, list.toString());
            assertThat(accepted.status()).isEqualTo(202);
            var location = accepted.header("Location").orElseThrow();

            awaitTrue(
                    "the relay holds the import's events while the job is running, for as long as it runs",
                    () -> bulkPacing.holdBulk()
                            && bulkPacing.holdUntilReleased()
                            && api().get(location, SUPERVISOR)
                                    .json()
                                    .path("state")
                                    .asString()
                                    .equals("RUNNING"));
            assertThat(NiceValues.ofThreadNamed("incident-import"))
                    .as("the import thread runs below live work (amends.incidents.import.nice)")
                    .contains(19);
            assertThat(awaitJob(location, "COMPLETED").path("created").asInt()).isEqualTo(5_000);
            awaitTrue(
                    "and lets them go once it is done",
                    () -> !bulkPacing.holdBulk() && !bulkPacing.holdUntilReleased());
        }

        @Test
        void theImportWaitsWhileLiveIntakeIsSlowAndGoesOnWhenItIsFastAgain() throws Exception {
            var id = declare(product()).path("id").asString();
            // Live intake answering in 200 ms, twenty times a second, as on a machine the import would overload.
            var slow = Executors.newSingleThreadScheduledExecutor();
            slow.scheduleAtFixedRate(
                    () -> pressure.record(
                            System.nanoTime() - Duration.ofMillis(200).toNanos()),
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
            String location;
            try {
                Thread.sleep(500);
                var accepted = api().post(
                                "/api/incidents/" + id + "/affected",
                                SUPERVISOR,
                                line("slow-1", "en", "\"email\":\"slow1@example.org\""));
                assertThat(accepted.status()).isEqualTo(202);
                location = accepted.header("Location").orElseThrow();

                Thread.sleep(4_000);

                assertThat(api().get(location, SUPERVISOR)
                                .json()
                                .path("processed")
                                .asInt())
                        .as("nothing imported while live intake is slow")
                        .isZero();
                assertThat(bulkPacing.holdBulk())
                        .as("the relay holds the import's events by the same rule")
                        .isTrue();
            } finally {
                slow.shutdownNow();
            }
            var job = awaitJob(location, "COMPLETED");
            assertThat(job.path("created").asInt()).isEqualTo(1);
            assertThat(jdbc.sql("""
                            SELECT o.event_type, o.bulk FROM outbox o JOIN cases c ON o.subject = c.id::text
                            WHERE c.incident_id = ? ORDER BY o.position""")
                            .param(UUID.fromString(id))
                            .query((row, n) -> row.getString(1) + " " + (row.getBoolean(2) ? "bulk" : "live"))
                            .list())
                    .as("the import's events are bulk outbox rows")
                    .containsExactly("amends.case.opened.v1 bulk", "amends.case.acknowledged.v1 bulk");
        }

        @Test
        void aLargeListIsTakenInWholeAsItStreamsWithEveryLineKeptVerbatim() {
            var id = declare(product()).path("id").asString();
            var lines = 20_000;
            // Ten customers get cases; the rest name no contact and are rejected alone, which keeps the worker's part
            // of this test short: the upload is what is under test. JSON escapes (backslash, tab, quote) and UTF-8
            // must reach the worker as sent, or the line would not parse.
            var list = new StringBuilder();
            for (int i = 1; i <= lines; i++) {
                if (i <= 10) {
                    list.append("{\"customerRef\":\"big-")
                            .append(i)
                            .append("\",\"name\":\"Zoë \\\\ O\\\"Brien\\tJr\",\"email\":\"big")
                            .append(i)
                            .append("@example.org\",\"locale\":\"es\"}\r\n");
                } else {
                    list.append("{\"customerRef\":\"big-").append(i).append("\",\"locale\":\"en\"}\n");
                }
            }

            var accepted = api().post("/api/incidents/" + id + "/affected", SUPERVISOR, list.toString());

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            assertThat(accepted.json().path("total").asInt()).isEqualTo(lines);
            var location = accepted.header("Location").orElseThrow();
            org.awaitility.Awaitility.await("job " + location + " completed")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api().get(location, SUPERVISOR)
                            .json()
                            .path("state")
                            .asString()
                            .equals("COMPLETED"));
            var job = api().get(location, SUPERVISOR).json();
            assertThat(job.path("processed").asInt()).isEqualTo(lines);
            assertThat(job.path("created").asInt()).isEqualTo(10);
            assertThat(job.path("rejected").asInt()).isEqualTo(lines - 10);
            assertThat(job.path("rejectedLines").size()).isEqualTo(1_000);
            assertThat(job.at("/rejectedLines/0/line").asInt()).isEqualTo(11);
            var names =
                    jdbc.sql("""
                            SELECT DISTINCT c.customer_name FROM incident_customers ic
                            JOIN cases c ON c.id = ic.case_id WHERE ic.incident_id = ?""").param(UUID.fromString(id)).query(String.class).list();
            assertThat(names).containsExactly("Zoë \\ O\"Brien\tJr");
        }

        @Test
        void theImportReusesPlansOnlyInsideItsBatches() throws Exception {
            var id = declare(product()).path("id").asString();
            // Twelve jobs, a batch each: each of the import's statements runs more than ten times.
            for (int j = 1; j <= 12; j++) {
                var list = new StringBuilder();
                for (int i = 1; i <= 300; i++) {
                    var ref = "plan-" + j + "-" + i;
                    list.append(line(ref, "en", "\"email\":\"" + ref + "@example.org\""))
                            .append('\n');
                }
                var accepted = api().post("/api/incidents/" + id + "/affected", SUPERVISOR, list.toString());
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
                var job = awaitJob(accepted.header("Location").orElseThrow(), "COMPLETED");
                assertThat(job.path("created").asInt()).isEqualTo(300);
            }

            // Each batch reuses plans until it commits, and no more; a plan it keeps reads by index.
            PreparedPlans.assertKeptOnlyWhereOnePlanIsRight(
                    dataSource, "FROM import_lines WHERE job_id", "INSERT INTO incident_customers");
        }

        @Test
        void aJobWhoseWorkerDiedIsResumedFromItsLastCommittedBatchAndALiveLeaseIsLeftAlone() {
            var id = UUID.fromString(declare(product()).path("id").asString());
            var longAgo = Instant.now().minusSeconds(3600).atOffset(ZoneOffset.UTC);
            var live = job(id, "RUNNING", "another-live-worker", Instant.now().plusSeconds(3600), longAgo, 0);
            addLine(live, 1, line("live-1", "en", "\"email\":\"live@example.org\""));
            // A worker died after committing the first batch (line 1): its lines are gone, its counts are in.
            var orphan = job(id, "RUNNING", "dead-worker", Instant.now().minusSeconds(5), longAgo.plusSeconds(1), 1);
            addLine(orphan, 2, line("r-2", "en", "\"email\":\"r2@example.org\""));
            addLine(orphan, 3, line("r-3", "es", "\"email\":\"r3@example.org\""));

            var resumed = awaitJob("/api/jobs/" + orphan, "COMPLETED");

            assertThat(resumed.path("total").asInt()).isEqualTo(3);
            assertThat(resumed.path("processed").asInt()).isEqualTo(3);
            assertThat(resumed.path("created").asInt()).isEqualTo(3);
            assertThat(count("SELECT count(*) FROM import_lines WHERE job_id = ?", orphan))
                    .isZero();
            assertThat(count("SELECT count(*) FROM cases WHERE incident_id = ?", id))
                    .isEqualTo(2);
            var untouched = api().get("/api/jobs/" + live, SUPERVISOR).json();
            assertThat(untouched.path("state").asString()).isEqualTo("RUNNING");
            assertThat(untouched.path("processed").asInt()).isZero();
            assertThat(count("SELECT count(*) FROM import_lines WHERE job_id = ?", live))
                    .isEqualTo(1);
        }

        private UUID job(
                UUID incidentId,
                String state,
                String owner,
                Instant leaseUntil,
                java.time.OffsetDateTime createdAt,
                int alreadyDone) {
            var jobId = UUID.randomUUID();
            jdbc.sql("""
                            INSERT INTO import_jobs (id, incident_id, submitted_by, submitter_kind, state, total,
                                processed, created, lease_owner, lease_until, created_at, updated_at)
                            VALUES (?, ?, 'super1', 'AGENT', ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            jobId,
                            incidentId,
                            state,
                            alreadyDone + 2,
                            alreadyDone,
                            alreadyDone,
                            owner,
                            leaseUntil.atOffset(ZoneOffset.UTC),
                            createdAt,
                            createdAt)
                    .update();
            return jobId;
        }

        private void addLine(UUID jobId, int lineNo, String body) {
            jdbc.sql("INSERT INTO import_lines (job_id, line_no, body) VALUES (?, ?, ?)")
                    .params(jobId, lineNo, body)
                    .update();
        }
    }
}
