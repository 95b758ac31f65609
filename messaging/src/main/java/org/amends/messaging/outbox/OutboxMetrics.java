package org.amends.messaging.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Exposes the outbox backlog and lag, read from the table at scrape time so every instance reports the truth. */
public class OutboxMetrics implements MeterBinder {

    private final JdbcClient jdbc;

    public OutboxMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "amends.outbox.backlog",
                        jdbc,
                        db -> db.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL")
                                .query(Long.class)
                                .single())
                .description("Outbox rows not yet published")
                .register(registry);
        Gauge.builder(
                        "amends.outbox.lag",
                        jdbc,
                        db -> db.sql("""
                                SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)
                                FROM outbox WHERE published_at IS NULL""").query(Double.class).single())
                .description("Age of the oldest unpublished outbox row")
                .baseUnit("seconds")
                .register(registry);
    }
}
