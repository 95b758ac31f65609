package org.amends.remedies.fulfilment.webhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.amends.messaging.TimeOrderedIds;
import org.amends.remedies.model.Remedy;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands accepted refunds and replacements to the partner whose webhook takes that remedy type: records a delivery in
 * the same transaction as the acceptance, for {@link WebhookDispatcher} to send.
 */
@Component
public class PartnerWebhooks {

    /** The Standard Webhooks {@code type} of the payload partners receive. */
    static final String PAYLOAD_TYPE = "remedy.fulfilment.requested";

    private final WebhookEndpoints endpoints;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final WebhookProperties properties;
    private final Clock clock;

    PartnerWebhooks(
            WebhookEndpoints endpoints, JdbcClient jdbc, JsonMapper json, WebhookProperties properties, Clock clock) {
        this.endpoints = endpoints;
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Schedules the fulfilment request; returns the partner asked, or empty when no partner takes this type. The
     * partner that submitted the case is asked if it takes this type; else the first partner that registered for it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<String> dispatch(Remedy remedy, @Nullable String preferredPartner) {
        var endpoint = endpoints.forRemedyType(remedy.type().name(), preferredPartner);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        var now = clock.instant();
        var data = new LinkedHashMap<String, Object>();
        data.put("fulfilmentId", remedy.id());
        data.put("caseId", remedy.caseId());
        data.put("customerId", remedy.customerId());
        data.put("remedyType", remedy.type().name());
        data.put("amountMinorUnits", remedy.amount().minorUnits());
        data.put("currency", remedy.amount().currencyCode());
        data.put("confirmationPath", "/api/partner/fulfilments/" + remedy.id() + "/confirmation");
        var payload = new LinkedHashMap<String, Object>();
        payload.put("type", PAYLOAD_TYPE);
        payload.put("timestamp", now.toString());
        payload.put("data", data);
        var deliveryId = TimeOrderedIds.next();
        jdbc.sql("""
                        INSERT INTO webhook_deliveries
                            (id, remedy_id, endpoint_id, partner, payload, status, next_attempt_at, give_up_at)
                        VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(
                        deliveryId,
                        remedy.id(),
                        endpoint.get().id(),
                        endpoint.get().partner(),
                        json.writeValueAsString(payload),
                        java.sql.Timestamp.from(now),
                        java.sql.Timestamp.from(now.plus(properties.retryFor())))
                .update();
        return Optional.of(endpoint.get().partner());
    }
}
