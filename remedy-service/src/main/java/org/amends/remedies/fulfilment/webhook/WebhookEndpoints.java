package org.amends.remedies.fulfilment.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Partners' registered webhook endpoints; every read is scoped to one partner. */
@Repository
class WebhookEndpoints {

    /** A registered endpoint; the secret never leaves the service after registration. */
    record Endpoint(UUID id, String partner, String url, List<String> remedyTypes, String secret, Instant createdAt) {}

    private static final String COLUMNS = "id, partner, url, remedy_types, secret, created_at";

    private final JdbcClient jdbc;

    WebhookEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Endpoint endpoint) {
        jdbc.sql("""
                        INSERT INTO webhook_endpoints (id, partner, url, remedy_types, secret, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        endpoint.id(),
                        endpoint.partner(),
                        endpoint.url(),
                        endpoint.remedyTypes().toArray(String[]::new),
                        endpoint.secret(),
                        java.sql.Timestamp.from(endpoint.createdAt()))
                .update();
    }

    List<Endpoint> ofPartner(String partner) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE partner = ? ORDER BY created_at, id")
                .param(partner)
                .query(WebhookEndpoints::endpoint)
                .list();
    }

    Optional<Endpoint> ofPartner(String partner, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE partner = ? AND id = ?")
                .params(partner, id)
                .query(WebhookEndpoints::endpoint)
                .optional();
    }

    Optional<Endpoint> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = ?")
                .param(id)
                .query(WebhookEndpoints::endpoint)
                .optional();
    }

    /** The endpoint that fulfils remedies of this type: the preferred partner's, else the first one registered. */
    Optional<Endpoint> forRemedyType(String remedyType, @Nullable String preferredPartner) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE ? = ANY (remedy_types)"
                        + " ORDER BY (partner = CAST(? AS text)) IS TRUE DESC, created_at, id LIMIT 1")
                .params(remedyType, preferredPartner)
                .query(WebhookEndpoints::endpoint)
                .optional();
    }

    private static Endpoint endpoint(ResultSet rs, int row) throws SQLException {
        var types = (String[]) rs.getArray("remedy_types").getArray();
        return new Endpoint(
                rs.getObject("id", UUID.class),
                rs.getString("partner"),
                rs.getString("url"),
                Arrays.asList(types),
                rs.getString("secret"),
                rs.getTimestamp("created_at").toInstant());
    }
}
