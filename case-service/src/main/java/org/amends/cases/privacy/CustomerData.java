package org.amends.cases.privacy;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Everything case-service holds about one customer, read for an export and anonymised for an erasure. */
@Repository
public class CustomerData {

    /** What replaces erased free text. */
    static final String ERASED = "[erased]";

    /** One case as the customer's data export shows it: every stored field. */
    @Schema(name = "CustomerCase")
    public record CaseRecord(
            UUID id,
            String reference,
            String channel,
            String submittedBy,
            String customerName,
            @Nullable String customerEmail,
            @Nullable String customerPhone,
            @Nullable String customerSocialHandle,
            @Nullable Long customerAudience,
            String customerLocale,
            String product,
            String errorKind,
            String summary,
            String description,
            String impact,
            String severity,
            @Nullable String orderReference,
            String status,
            Instant createdAt,
            @Nullable Instant resolvedAt,
            @Nullable String rootCauseCode,
            List<TimelineRecord> timeline,
            @Nullable FeedbackRecord feedback) {}

    /** One line of a case's history, internal ones included. */
    @Schema(name = "CustomerTimelineEntry")
    public record TimelineRecord(Instant at, String kind, String actor, String visibility, String text) {}

    /** The customer's rating and comment. */
    @Schema(name = "CustomerFeedback")
    public record FeedbackRecord(int rating, @Nullable String comment, Instant receivedAt) {}

    private final JdbcClient jdbc;

    CustomerData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer id an email address or phone number maps to, normalised as intake does. */
    Optional<UUID> customerOf(@Nullable String email, @Nullable String phone) {
        var contact = email != null
                ? "email:" + email.strip().toLowerCase(Locale.ROOT)
                : "phone:" + (phone == null ? "" : phone.replaceAll("[^0-9+]", ""));
        return jdbc.sql("SELECT customer_id FROM customers WHERE contact = ?")
                .param(contact)
                .query(UUID.class)
                .optional();
    }

    /** The contacts (normalised email addresses and phone numbers) that still map to the customer. */
    List<String> contacts(UUID customerId) {
        return jdbc.sql("SELECT contact FROM customers WHERE customer_id = ? ORDER BY contact")
                .param(customerId)
                .query(String.class)
                .list();
    }

    List<CaseRecord> cases(UUID customerId) {
        return jdbc.sql("""
                        SELECT * FROM cases c LEFT JOIN feedback f ON f.case_id = c.id
                        WHERE c.customer_id = ? ORDER BY c.created_at, c.id""").param(customerId).query((rs, n) -> caseRecord(rs)).list();
    }

    /**
     * Anonymises the customer's cases in place: names, contacts, free text, the customer-visible timeline (it greets
     * the customer by name), notes and the feedback comment are replaced; the facts stay. Status links are revoked,
     * stored idempotent answers (which repeat the case with its contacts) are cut down to the case's id, and the contacts are forgotten,
     * so a later case from the same address starts a new customer id.
     */
    void erase(UUID customerId, List<UUID> caseIds, Instant at) {
        var ids = caseIds.toArray(UUID[]::new);
        jdbc.sql("""
                        UPDATE cases SET customer_name = :erased, customer_email = NULL, customer_phone = NULL,
                            customer_social = NULL, summary = :erased, description = :erased, order_reference = NULL
                        WHERE customer_id = :customer""").param("erased", ERASED).param("customer", customerId).update();
        jdbc.sql("""
                        UPDATE timeline SET text = :erased
                        WHERE case_id = ANY(:ids) AND (visibility = 'CUSTOMER' OR kind = 'NOTE')""").param("erased", ERASED).param("ids", ids).update();
        jdbc.sql("UPDATE feedback SET comment = NULL WHERE case_id = ANY(:ids)")
                .param("ids", ids)
                .update();
        jdbc.sql("UPDATE status_tokens SET revoked_at = :at WHERE case_id = ANY(:ids) AND revoked_at IS NULL")
                .param("at", Timestamp.from(at))
                .param("ids", ids)
                .update();
        // A replayed key still answers with the case's id and reference, and nothing personal.
        jdbc.sql("""
                        UPDATE idempotency_keys k SET response_body = json_build_object(
                            'id', c.id, 'reference', c.reference, 'status', c.status, 'erased', true)::text
                        FROM cases c
                        WHERE c.customer_id = ? AND k.location LIKE '%/api/cases/' || c.id::text""").param(customerId).update();
        jdbc.sql("DELETE FROM customers WHERE customer_id = ?")
                .param(customerId)
                .update();
        jdbc.sql("INSERT INTO customer_erasures (customer_id, erased_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(customerId, Timestamp.from(at))
                .update();
    }

    Optional<Instant> erasedAt(UUID customerId) {
        return jdbc.sql("SELECT erased_at FROM customer_erasures WHERE customer_id = ?")
                .param(customerId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    /**
     * The customer's case ids, oldest first, with their rows locked, so an erasure and a concurrent change apply one
     * after the other.
     */
    List<UUID> lockCases(UUID customerId) {
        return jdbc.sql("SELECT id FROM cases WHERE customer_id = ? ORDER BY created_at, id FOR UPDATE")
                .param(customerId)
                .query(UUID.class)
                .list();
    }

    private CaseRecord caseRecord(ResultSet rs) throws SQLException {
        var id = rs.getObject("id", UUID.class);
        var rating = rs.getObject("rating", Integer.class);
        return new CaseRecord(
                id,
                rs.getString("reference"),
                rs.getString("channel"),
                rs.getString("submitted_by"),
                rs.getString("customer_name"),
                rs.getString("customer_email"),
                rs.getString("customer_phone"),
                rs.getString("customer_social"),
                rs.getObject("customer_audience", Long.class),
                rs.getString("customer_locale"),
                rs.getString("product"),
                rs.getString("error_kind"),
                rs.getString("summary"),
                rs.getString("description"),
                rs.getString("impact"),
                rs.getString("severity"),
                rs.getString("order_reference"),
                rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("resolved_at")),
                rs.getString("root_cause_code"),
                timeline(id),
                rating == null
                        ? null
                        : new FeedbackRecord(
                                rating,
                                rs.getString("comment"),
                                rs.getTimestamp("received_at").toInstant()));
    }

    private List<TimelineRecord> timeline(UUID caseId) {
        return jdbc.sql("SELECT at, kind, actor, visibility, text FROM timeline WHERE case_id = ? ORDER BY id")
                .param(caseId)
                .query((rs, n) -> new TimelineRecord(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("kind"),
                        rs.getString("actor"),
                        rs.getString("visibility"),
                        rs.getString("text")))
                .list();
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
