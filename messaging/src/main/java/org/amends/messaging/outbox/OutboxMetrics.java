package org.amends.messaging.outbox;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exposes the outbox backlog and lag per {@code lane} ({@code live}, or {@code bulk} for rows of {@link
 * Outbox#addBulk}), read from the table at scrape time so every instance reports the truth, and how long the relay
 * has held bulk rows back.
 */
public class OutboxMetrics implements MeterBinder {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;

    public OutboxMetrics(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (var bulk : new boolean[] {false, true}) {
            var lane = bulk ? "bulk" : "live";
            // Written out, not a parameter, so each query matches its lane's partial index. The leading space matters:
            // a text block drops the trailing one of "AND " before its closing quotes.
            var only = bulk ? " bulk" : " NOT bulk";
            Gauge.builder(
                            "amends.outbox.backlog",
                            jdbc,
                            db -> db.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL AND" + only)
                                    .query(Long.class)
                                    .single())
                    .description("Outbox rows not yet published")
                    .tag("lane", lane)
                    .register(registry);
            // The lane's first row in position order (the relay's order), found in the index of unpublished rows:
            // min(created_at) read every row of the lane, 0.8-1.7 s a scrape with an import's 2,000,000 waiting.
            // Position and created_at follow each other except where transactions overlap (one that began first can
            // take later positions), so this is the oldest row give or take one transaction's length.
            Gauge.builder(
                            "amends.outbox.lag",
                            jdbc,
                            db -> db.sql("SELECT coalesce(extract(epoch FROM now() - (SELECT created_at FROM outbox"
                                            + " WHERE published_at IS NULL AND" + only
                                            + " ORDER BY position LIMIT 1)), 0)")
                                    .query(Double.class)
                                    .single())
                    .description("Age of the first unpublished outbox row in publishing order")
                    .tag("lane", lane)
                    .baseUnit("seconds")
                    .register(registry);
        }
        FunctionCounter.builder("amends.outbox.bulk.held", relay, OutboxRelay::bulkHeldSeconds)
                .description("Time the relay has held bulk rows back as the service's BulkPacing asked")
                .baseUnit("seconds")
                .register(registry);
    }
}
