package org.amends.cases.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The status tokens of all cases: 32 random bytes, given to the customer once as a link and stored only as their
 * SHA-256, so neither the table nor a log can open a page. One live token per case; issuing again replaces it.
 */
@Repository
@EnableConfigurationProperties(StatusPageProperties.class)
public class StatusTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final StatusPageProperties properties;
    private final Clock clock;

    StatusTokens(JdbcClient jdbc, JdbcTemplate batch, StatusPageProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.properties = properties;
        this.clock = clock;
    }

    /** Issues a new token for the case, replacing any earlier one; returns the link to give the customer. */
    public String issue(UUID caseId) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var now = clock.instant();
        jdbc.sql("""
                        INSERT INTO status_tokens (case_id, token_hash, issued_at, expires_at)
                        VALUES (:caseId, :hash, :issuedAt, :expiresAt)
                        ON CONFLICT (case_id) DO UPDATE SET token_hash = excluded.token_hash,
                            issued_at = excluded.issued_at, expires_at = excluded.expires_at, revoked_at = NULL""")
                .param("caseId", caseId)
                .param("hash", hash(token))
                .param("issuedAt", now.atOffset(ZoneOffset.UTC))
                .param("expiresAt", now.plus(properties.tokenLifetime()).atOffset(ZoneOffset.UTC))
                .update();
        return properties.linkBase() + token;
    }

    /**
     * Issues tokens for many new cases in one JDBC batch (the bulk import's form of {@link #issue}); returns the
     * links in the same order.
     */
    public List<String> issueAll(List<UUID> caseIds) {
        var now = clock.instant();
        var issuedAt = now.atOffset(ZoneOffset.UTC);
        var expiresAt = now.plus(properties.tokenLifetime()).atOffset(ZoneOffset.UTC);
        var links = new ArrayList<String>(caseIds.size());
        var rows = new ArrayList<Object[]>(caseIds.size());
        for (var caseId : caseIds) {
            var bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            links.add(properties.linkBase() + token);
            rows.add(new Object[] {caseId, hash(token), issuedAt, expiresAt});
        }
        batch.batchUpdate("""
                INSERT INTO status_tokens (case_id, token_hash, issued_at, expires_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (case_id) DO UPDATE SET token_hash = excluded.token_hash,
                    issued_at = excluded.issued_at, expires_at = excluded.expires_at, revoked_at = NULL""", rows);
        return links;
    }

    /** Revokes the case's token; false when it had none live. */
    public boolean revoke(UUID caseId) {
        return jdbc.sql("UPDATE status_tokens SET revoked_at = ? WHERE case_id = ? AND revoked_at IS NULL")
                        .params(clock.instant().atOffset(ZoneOffset.UTC), caseId)
                        .update()
                == 1;
    }

    /** The case a live token opens: empty for a wrong, expired or revoked token alike. */
    public Optional<UUID> caseOf(String token) {
        return jdbc.sql("""
                        SELECT case_id FROM status_tokens
                        WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?""")
                .params(hash(token), clock.instant().atOffset(ZoneOffset.UTC))
                .query(UUID.class)
                .optional();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
