package org.amends.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.amends.contracts.CloudEvent;
import org.amends.contracts.Exchanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to {@code amends.events}: claims a batch with {@code FOR UPDATE SKIP LOCKED} (so several
 * instances share the work without publishing a row twice), sends it, waits for the broker's confirms and only then
 * marks the rows published, in the same transaction. A failure marks nothing; the rows go out on a later run, after
 * a backoff that doubles up to a limit. Delivery is therefore at least once; consumers deduplicate by event id.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_BATCHES_PER_RUN = 20;

    private record Row(long position, UUID eventId, String eventType, String routingKey, String payload) {}

    private final JdbcClient jdbc;
    private final RabbitTemplate rabbit;
    private final TransactionTemplate transaction;
    private final OutboxProperties properties;
    private final Clock clock;
    private int failures;
    private Instant pausedUntil = Instant.EPOCH;

    public OutboxRelay(
            JdbcClient jdbc,
            RabbitTemplate rabbit,
            TransactionTemplate transaction,
            OutboxProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.rabbit = rabbit;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** One relay run: publishes batches until the backlog is empty or a round fails. Returns rows published. */
    public synchronized int relay() {
        var now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return 0;
        }
        int published = 0;
        try {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                Integer sent = transaction.execute(status -> publishBatch());
                int count = sent == null ? 0 : sent;
                published += count;
                if (count < properties.batchSize()) {
                    break;
                }
            }
            if (failures > 0) {
                log.info("outbox relay recovered after {} failed round(s)", failures);
            }
            failures = 0;
        } catch (RuntimeException e) {
            failures++;
            var backoff = backoff();
            pausedUntil = now.plus(backoff);
            log.warn("outbox relay round failed ({} in a row), next try in {}: {}", failures, backoff, e.toString());
        }
        return published;
    }

    private int publishBatch() {
        var rows = jdbc.sql("""
                        SELECT position, event_id, event_type, routing_key, payload FROM outbox
                        WHERE published_at IS NULL ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED""").param(properties.batchSize()).query(Row.class).list();
        if (rows.isEmpty()) {
            return 0;
        }
        rabbit.invoke(operations -> {
            for (var row : rows) {
                var message = MessageBuilder.withBody(row.payload().getBytes(StandardCharsets.UTF_8))
                        .setContentType(CloudEvent.CONTENT_TYPE)
                        .setContentEncoding(StandardCharsets.UTF_8.name())
                        .setMessageId(row.eventId().toString())
                        .setType(row.eventType())
                        .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                        .build();
                operations.send(Exchanges.EVENTS, row.routingKey(), message);
            }
            operations.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            return null;
        });
        List<Long> positions = rows.stream().map(Row::position).toList();
        jdbc.sql("UPDATE outbox SET published_at = now() WHERE position IN (:positions)")
                .param("positions", positions)
                .update();
        return rows.size();
    }

    private Duration backoff() {
        var initial = properties.initialBackoff().toMillis();
        var exponent = Math.min(failures - 1, 20);
        var millis = Math.min(properties.maxBackoff().toMillis(), initial * (1L << exponent));
        return Duration.ofMillis(millis);
    }

    /** Deletes published rows older than the retention period. Returns how many. */
    public int purge() {
        var cutoff = clock.instant().minus(properties.retention());
        return jdbc.sql("DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ?")
                .param(cutoff.atOffset(ZoneOffset.UTC))
                .update();
    }
}
