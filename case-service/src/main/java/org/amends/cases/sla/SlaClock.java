package org.amends.cases.sla;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.amends.cases.lifecycle.Timeline;
import org.amends.cases.lifecycle.Visibility;
import org.amends.cases.lifecycle.model.Severity;
import org.amends.contracts.cases.CaseEvents;
import org.amends.contracts.cases.CaseSlaBreached;
import org.amends.messaging.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds cases whose acknowledgement or resolution is overdue and records each breach once per clock and case. The
 * conditional UPDATE (only where the breach column is still NULL) over rows claimed with {@code FOR UPDATE SKIP
 * LOCKED} lets several instances scan at once without recording a breach twice; the timeline entry and the
 * {@code amends.case.sla-breached.v1} event are written in the same transaction.
 */
@Component
public class SlaClock {

    /** The two clocks of a case: the SQL columns each one reads and writes. */
    enum Kind {
        ACKNOWLEDGEMENT("acknowledge_due_at", "acknowledge_breached_at", "acknowledged_at IS NULL"),
        RESOLUTION("resolve_due_at", "resolve_breached_at", "resolved_at IS NULL AND status <> 'CLOSED'");

        final String dueColumn;
        final String breachedColumn;
        final String running;

        Kind(String dueColumn, String breachedColumn, String running) {
            this.dueColumn = dueColumn;
            this.breachedColumn = breachedColumn;
            this.running = running;
        }
    }

    private record Breach(UUID id, String reference, long version, String severity, OffsetDateTime dueAt) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Timeline timeline;
    private final Outbox outbox;
    private final SlaProperties properties;
    private final Clock clock;
    private final MeterRegistry registry;

    SlaClock(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Timeline timeline,
            Outbox outbox,
            SlaProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.timeline = timeline;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.registry = registry;
        for (var kind : Kind.values()) {
            breaches(kind);
        }
    }

    /** One scan of both clocks; returns how many breaches it recorded. */
    public int scan() {
        int recorded = 0;
        for (var kind : Kind.values()) {
            Integer count = transaction.execute(status -> record(kind));
            recorded += count == null ? 0 : count;
        }
        return recorded;
    }

    private int record(Kind kind) {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var breaches = jdbc.sql("""
                        WITH due AS (
                            SELECT id FROM cases
                            WHERE %1$s AND %3$s IS NULL AND %2$s < :now
                            ORDER BY %2$s LIMIT :limit FOR UPDATE SKIP LOCKED)
                        UPDATE cases c SET %3$s = :now, version = c.version + 1, updated_at = :now
                        FROM due WHERE c.id = due.id AND c.%3$s IS NULL
                        RETURNING c.id, c.reference, c.version, c.severity, c.%2$s AS due_at""".formatted(kind.running, kind.dueColumn, kind.breachedColumn))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("limit", properties.batchSize())
                .query(Breach.class)
                .list();
        for (var breach : breaches) {
            var dueAt = breach.dueAt().toInstant();
            timeline.append(
                    breach.id(),
                    now,
                    "SLA_BREACHED",
                    "sla-clock",
                    Visibility.INTERNAL,
                    kind.name().toLowerCase(Locale.ROOT) + " was due at " + dueAt + " and is overdue");
            outbox.add(
                    CaseEvents.SLA_BREACHED,
                    breach.id(),
                    now,
                    new CaseSlaBreached(
                            breach.id(),
                            breach.reference(),
                            breach.version(),
                            kind.name(),
                            breach.severity(),
                            dueAt,
                            now));
            breaches(kind).increment();
        }
        return breaches.size();
    }

    private Counter breaches(Kind kind) {
        return Counter.builder("amends.case.sla.breaches")
                .description("SLA breaches recorded, by clock")
                .tag("clock", kind.name())
                .register(registry);
    }

    /** When the clocks of a new case of {@code severity} opened at {@code openedAt} run out. */
    public Due dueTimes(Severity severity, Instant openedAt) {
        return new Due(
                openedAt.plus(properties.acknowledgeWithin(severity)),
                openedAt.plus(properties.resolveWithin(severity)));
    }

    /** The due times of a case's two clocks. */
    public record Due(Instant acknowledge, Instant resolve) {}
}
