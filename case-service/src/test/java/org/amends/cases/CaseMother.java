package org.amends.cases;

import java.util.UUID;
import java.util.function.Consumer;
import org.amends.testkit.ServiceApi;
import tools.jackson.databind.node.ObjectNode;

/**
 * Intake bodies for tests: a valid MEDIUM case by default (whose SLA clocks never run out during a test), changed by
 * the caller where the test needs it. Each call uses a fresh customer email, so no test shares a customer by accident.
 */
final class CaseMother {

    private CaseMother() {}

    static ObjectNode body() {
        var body = ServiceApi.JSON.createObjectNode();
        body.put("channel", "WEB");
        var customer = body.putObject("customer");
        customer.put("name", "Ada Lovelace");
        customer.put("email", "ada+" + UUID.randomUUID() + "@example.org");
        customer.put("phone", (String) null);
        customer.put("locale", "en");
        body.put("product", "Broadband 500");
        body.put("errorKind", "CALCULATION");
        body.put("summary", "Charged twice for March");
        body.put("description", "My March invoice has the monthly fee twice.");
        body.put("impact", "MEDIUM");
        body.put("orderReference", "INV-2026-03-001");
        return body;
    }

    static String json(Consumer<ObjectNode> change) {
        var body = body();
        change.accept(body);
        return body.toString();
    }

    static String json() {
        return body().toString();
    }
}
