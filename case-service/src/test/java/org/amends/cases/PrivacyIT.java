package org.amends.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.amends.testkit.Persona;
import org.junit.jupiter.api.Test;

/** An admin exports and erases one customer's personal data; nobody else may. */
class PrivacyIT extends CaseServiceIT {

    static final Persona ADMIN = Persona.admin("admin1");
    static final Persona AGENT = Persona.agent("agent1");
    static final Persona SUPERVISOR = Persona.supervisor("supervisor1");

    record Filed(String caseId, String email) {}

    Filed file(String email) {
        var opened = api().post("/api/cases", AGENT, CaseMother.json(b -> {
            b.withObject("customer").put("email", email);
            b.put("description", "Call me on +34 600 123 456, I am Ada from Valencia.");
        }));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        var id = opened.json().path("id").asString();
        assertThat(api().post("/api/cases/" + id + "/acknowledgement", AGENT, null)
                        .status())
                .isEqualTo(200);
        assertThat(api().post("/api/cases/" + id + "/notes", AGENT, """
                        {"text":"Spoke to Ada on the phone","visibility":"INTERNAL"}""").status())
                .isEqualTo(201);
        return new Filed(id, email);
    }

    String customerOf(String email) {
        var found =
                api().get("/api/privacy/customers?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), ADMIN);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().path("customerId").asString();
    }

    @Test
    void anAdminExportsEverythingHeldAboutACustomerAndTheExportIsAudited() {
        var email = "ada+" + UUID.randomUUID() + "@example.org";
        var first = file(email);
        var second = file(email.toUpperCase());
        var customerId = customerOf(email);

        var export = api().get("/api/privacy/customers/" + customerId, ADMIN);

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        var body = export.json();
        assertThat(body.path("contacts").get(0).asString()).isEqualTo("email:" + email);
        assertThat(body.path("cases")).hasSize(2);
        assertThat(body.path("cases").get(0).path("id").asString()).isEqualTo(first.caseId());
        assertThat(body.path("cases").get(1).path("id").asString()).isEqualTo(second.caseId());
        assertThat(body.path("cases").get(0).path("customerName").asString()).isEqualTo("Ada Lovelace");
        assertThat(body.path("cases").get(0).path("description").asString()).contains("+34 600 123 456");
        assertThat(body.path("cases").get(0).path("timeline").toString())
                .contains("Spoke to Ada on the phone", "ACKNOWLEDGED");
        assertThat(body.path("audit").get(0).path("action").asString()).isEqualTo("EXPORT");
        assertThat(body.path("audit").get(0).path("actor").asString()).isEqualTo("admin1");
        assertThat(body.path("elsewhere").toString()).contains("/api/remedies/customers/" + customerId);
    }

    @Test
    void erasureAnonymisesTheCasesKeepsTheirFactsAndFansOutAsAnEvent() {
        var tap = tapEvents();
        var email = "grace+" + UUID.randomUUID() + "@example.org";
        var filed = file(email);
        var customerId = customerOf(email);

        var erased = api().post("/api/privacy/customers/" + customerId + "/erasure", ADMIN, null);

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().path("alreadyErased").asBoolean()).isFalse();
        assertThat(erased.json().path("caseIds").get(0).asString()).isEqualTo(filed.caseId());
        var event = tap.await(customerId, "amends.case.customer-erased.v1", 1, Duration.ofSeconds(20))
                .getFirst();
        assertThat(event.path("data").path("erasedBy").asString()).isEqualTo("admin1");
        assertThat(event.path("data").path("caseIds").get(0).asString()).isEqualTo(filed.caseId());

        var theCase = api().get("/api/cases/" + filed.caseId(), AGENT).json();
        assertThat(theCase.toString()).doesNotContain(email, "Ada Lovelace", "+34 600 123 456");
        assertThat(theCase.path("product").asString()).isEqualTo("Broadband 500");
        assertThat(theCase.path("errorKind").asString()).isEqualTo("CALCULATION");
        assertThat(theCase.path("status").asString()).isEqualTo("ACKNOWLEDGED");
        var timeline =
                api().get("/api/cases/" + filed.caseId() + "/timeline", AGENT).body();
        assertThat(timeline).doesNotContain("Ada", "Spoke to");
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE customer_id = ?::uuid")
                        .param(customerId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT string_agg(coalesce(response_body, ''), '') FROM idempotency_keys")
                        .query(String.class)
                        .optional()
                        .orElse(""))
                .doesNotContain(email);
        // The same address later is a new customer: nothing links them.
        file(email);
        assertThat(customerOf(email)).isNotEqualTo(customerId);

        var again = api().post("/api/privacy/customers/" + customerId + "/erasure", ADMIN, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("alreadyErased").asBoolean()).isTrue();
        assertThat(tap.settled(
                        e -> e.path("subject").asString().equals(customerId)
                                && e.path("type").asString().equals("amends.case.customer-erased.v1"),
                        Duration.ofSeconds(2)))
                .hasSize(1);
        var audit =
                api().get("/api/privacy/customers/" + customerId, ADMIN).json().path("audit");
        assertThat(audit.toString()).contains("ERASURE");
    }

    @Test
    void onlyAnAdminMayExportOrErase() {
        var email = "lin+" + UUID.randomUUID() + "@example.org";
        file(email);
        var customerId = customerOf(email);

        for (var persona : new Persona[] {AGENT, SUPERVISOR, Persona.analyst("analyst1"), Persona.partner("acme")}) {
            var export = api().get("/api/privacy/customers/" + customerId, persona);
            assertThat(export.status()).as(persona.toString()).isEqualTo(403);
            assertThat(export.problemType()).isEqualTo("https://amends.org/problems/forbidden");
            assertThat(api().post("/api/privacy/customers/" + customerId + "/erasure", persona, null)
                            .status())
                    .isEqualTo(403);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE customer_id = ?::uuid")
                        .param(customerId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE customer_id = ?::uuid")
                        .param(customerId)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void anUnknownCustomerOrABadQueryGetsAProblem() {
        var unknown = api().get("/api/privacy/customers/" + UUID.randomUUID(), ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("https://amends.org/problems/not-found");
        assertThat(api().get("/api/privacy/customers?email=nobody@example.org", ADMIN)
                        .status())
                .isEqualTo(404);
        var neither = api().get("/api/privacy/customers", ADMIN);
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.problemType()).isEqualTo("https://amends.org/problems/validation");
        assertThat(api().post("/api/privacy/customers/" + UUID.randomUUID() + "/erasure", ADMIN, null)
                        .status())
                .isEqualTo(404);
    }
}
