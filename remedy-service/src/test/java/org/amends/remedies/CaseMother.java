package org.amends.remedies;

import java.util.UUID;
import org.amends.contracts.Exchanges;
import org.amends.contracts.cases.CaseEvents;
import org.amends.testkit.EventSchemas;
import org.amends.testkit.TestRabbit;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Case events as case-service publishes them, built from the contract's checked-in example. */
public final class CaseMother {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CaseMother() {}

    /** The {@code amends.case.opened.v1} example with a new event id, case id and customer, of the given kind. */
    public static String opened(UUID caseId, UUID customerId, String errorKind, String severity) {
        return opened(caseId, customerId, errorKind, severity, "acme-partner");
    }

    /** The same, submitted by the given partner. */
    static String opened(UUID caseId, UUID customerId, String errorKind, String severity, String partner) {
        var event = (ObjectNode) JSON.readTree(EventSchemas.examples().get(CaseEvents.OPENED.type()));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", caseId.toString());
        var data = (ObjectNode) event.get("data");
        data.put("caseId", caseId.toString());
        data.put("customerId", customerId.toString());
        data.put("errorKind", errorKind);
        data.put("severity", severity);
        data.put("submittedBy", partner);
        data.put("submitterKind", "PARTNER");
        // The example is a proactive case of an incident; these cases are filed by a partner, outside any incident.
        data.put("channel", "PARTNER");
        data.putNull("incidentId");
        data.putNull("amountMinorUnits");
        data.putNull("currency");
        return JSON.writeValueAsString(event);
    }

    static void publish(RabbitTemplate rabbit, String routingKey, String event) {
        TestRabbit.publishInOrder(rabbit, Exchanges.EVENTS, routingKey, TestRabbit.cloudEvent(event));
    }

    /**
     * Publishes a freshly opened proactive case of {@code incidentId}, with its amount concerned (none if
     * {@code amountMinorUnits} is null), as case-service does for an incident's list of affected customers.
     */
    static UUID openForIncident(
            RabbitTemplate rabbit, UUID incidentId, String errorKind, @Nullable Long amountMinorUnits) {
        var caseId = UUID.randomUUID();
        publish(
                rabbit,
                CaseEvents.OPENED.routingKey(),
                openedForIncident(caseId, incidentId, errorKind, amountMinorUnits));
        return caseId;
    }

    /** The case.opened of a proactive case of {@code incidentId}, with a new event id, as {@link #openForIncident}. */
    public static String openedForIncident(
            UUID caseId, UUID incidentId, String errorKind, @Nullable Long amountMinorUnits) {
        var event = (ObjectNode) JSON.readTree(EventSchemas.examples().get(CaseEvents.OPENED.type()));
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", caseId.toString());
        var data = (ObjectNode) event.get("data");
        data.put("caseId", caseId.toString());
        data.put("customerId", UUID.randomUUID().toString());
        data.put("errorKind", errorKind);
        data.put("severity", "LOW");
        data.put("incidentId", incidentId.toString());
        if (amountMinorUnits == null) {
            data.putNull("amountMinorUnits");
            data.putNull("currency");
        } else {
            data.put("amountMinorUnits", amountMinorUnits);
            data.put("currency", "EUR");
        }
        return JSON.writeValueAsString(event);
    }

    /** Publishes a freshly opened case; returns its id. */
    static UUID open(RabbitTemplate rabbit, String errorKind, String severity) {
        return open(rabbit, errorKind, severity, "acme-partner");
    }

    /** Publishes a freshly opened case submitted by {@code partner}; returns its id. */
    static UUID open(RabbitTemplate rabbit, String errorKind, String severity, String partner) {
        var caseId = UUID.randomUUID();
        publish(
                rabbit,
                CaseEvents.OPENED.routingKey(),
                opened(caseId, UUID.randomUUID(), errorKind, severity, partner));
        return caseId;
    }
}
