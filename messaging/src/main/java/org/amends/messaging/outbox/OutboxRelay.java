package org.amends.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.amends.contracts.CloudEvent;
import org.amends.contracts.Exchanges;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to {@code amends.events}: claims a batch with {@code FOR UPDATE SKIP LOCKED} (so several
 * instances share the work without publishing a row twice), sends it and marks the rows published in the same
 * transaction, which commits only after the broker confirmed them ({@link #publishBatches}). A failure marks nothing;
 * the rows go out on a later run, after a backoff that doubles up to a limit. Delivery is therefore at least once;
 * consumers deduplicate by event id.
 *
 * <p>Bulk rows ({@link Outbox#addBulk}) wait while the service's {@link BulkPacing} asks (its live traffic strained):
 * a run then claims live rows only. A live row whose subject has an earlier bulk row waiting takes that bulk row with
 * it, published first, so every subject's events still go out in the order they were written and no live event waits
 * for a hold to end. A hold lasts at most {@code max-bulk-hold}, then one run takes every row in order, so a bulk job
 * always progresses; unless the pacing says its hold ends by itself ({@link BulkPacing#holdUntilReleased()}). While
 * bulk rows go out, each transaction of them comes after the live rows waiting then, so a live row never queues behind
 * the bulk backlog written before it.
 */
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_BATCHES_PER_RUN = 20;

    private static final String ROWS_IN_ORDER = """
            SELECT position, event_id, event_type, routing_key, payload FROM outbox
            WHERE published_at IS NULL ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED""";

    /** One probe of the partial index outbox_unpublished_bulk. */
    private static final String BULK_WAITING =
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL AND bulk)";

    /** One probe of the partial index outbox_unpublished_live. */
    private static final String LIVE_WAITING =
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL AND NOT bulk)";

    /**
     * Bulk rows in front of a waiting live row of the same subject: they go out while the rest of the bulk rows are
     * held. Found from the live rows (few), each subject's probed in the index outbox_unpublished_bulk (subject,
     * position); the LATERAL with its LIMIT and the array keep PostgreSQL to that plan whatever its statistics say (a
     * merge join that sorted 200,000 held rows took 1.4 s a run on a table not analysed since the import began).
     */
    private static final String BULK_ROWS_IN_FRONT_OF_LIVE_ROWS = """
            SELECT position, event_id, event_type, routing_key, payload FROM outbox
            WHERE published_at IS NULL AND position = ANY (ARRAY(
                SELECT b.position
                FROM (SELECT subject, max(position) AS last FROM outbox
                      WHERE published_at IS NULL AND NOT bulk GROUP BY subject) l,
                     LATERAL (SELECT position FROM outbox
                              WHERE subject = l.subject AND published_at IS NULL AND bulk AND position < l.last
                              ORDER BY position LIMIT 1000) b))
            ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED""";

    /** Live rows whose subject has no earlier bulk row waiting (indexes outbox_unpublished_live, _bulk). */
    private static final String LIVE_ROWS_IN_ORDER = """
            SELECT position, event_id, event_type, routing_key, payload FROM outbox o
            WHERE published_at IS NULL AND NOT bulk
              AND NOT EXISTS (SELECT 1 FROM outbox b WHERE b.published_at IS NULL AND b.bulk
                              AND b.subject = o.subject AND b.position < o.position)
            ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED""";

    /** The oldest published rows past the cutoff, found in the index outbox_published. */
    private static final String PURGE_BATCH = """
            DELETE FROM outbox WHERE position = ANY (ARRAY(
                SELECT position FROM outbox WHERE published_at IS NOT NULL AND published_at < ?
                ORDER BY published_at LIMIT ?))""";

    private record Row(long position, UUID eventId, String eventType, String routingKey, String payload) {}

    private final JdbcClient jdbc;
    private final RabbitTemplate rabbit;
    private final TransactionTemplate transaction;
    private final OutboxProperties properties;
    private final Clock clock;
    private final BulkPacing pacing;
    private int failures;
    private Instant pausedUntil = Instant.EPOCH;
    // Written by the relay's run only; read by the metrics' scrape, which must not wait for a run.
    private volatile @Nullable Instant holdingSince;
    private volatile long heldNanos;

    public OutboxRelay(
            JdbcClient jdbc,
            RabbitTemplate rabbit,
            TransactionTemplate transaction,
            OutboxProperties properties,
            BulkPacing pacing,
            Clock clock) {
        this.jdbc = jdbc;
        this.pacing = pacing;
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
            var bulkWaiting = pacing != BulkPacing.NEVER && waiting(BULK_WAITING);
            if (holdBulk(now, bulkWaiting)) {
                published += publishLive();
            } else if (bulkWaiting) {
                published += publishInOrderLiveFirst();
            } else {
                // Where no bulk row waited when the pacing was (not) asked, one written since is for the next run to
                // judge: live rows only.
                published += publishRounds(pacing == BulkPacing.NEVER ? ROWS_IN_ORDER : LIVE_ROWS_IN_ORDER);
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

    /** The live rows, each with the bulk rows of its subject written before it; returns how many rows. */
    private int publishLive() {
        return publishRounds(BULK_ROWS_IN_FRONT_OF_LIVE_ROWS) + publishRounds(LIVE_ROWS_IN_ORDER);
    }

    /**
     * Bulk rows not held: every row in order, with the live rows first before each transaction. A live row is written
     * after the whole bulk backlog (an import's 2,000,000 events, say), so in order alone it would wait for the
     * backlog, or for the next hold, to go out (up to 75 s measured while 1,000,000 imported cases' events went out).
     * Before each transaction one probe of the live rows' index asks whether any waits: nearly always none does, and
     * the search for bulk rows in front of live ones cost 10.5 ms a batch on a large outbox (pg_stat_statements,
     * 1,000,000 imported).
     */
    private int publishInOrderLiveFirst() {
        return publishRounds(ROWS_IN_ORDER, () -> waiting(LIVE_WAITING) ? publishLive() : 0);
    }

    /**
     * Publishes the rows {@code query} claims, a transaction at a time ({@link #publishBatches}), until one comes back
     * short; returns how many rows.
     */
    private int publishRounds(String query) {
        return publishRounds(query, () -> 0);
    }

    /** As {@link #publishRounds(String)}, with what {@code beforeEach} publishes before each transaction. */
    private int publishRounds(String query, IntSupplier beforeEach) {
        int published = 0;
        for (int i = 0; i < transactionsPerRun(); i++) {
            published += beforeEach.getAsInt();
            Integer sent = transaction.execute(status -> publishBatches(query));
            int count = sent == null ? 0 : sent;
            published += count;
            if (count < rowsPerTransaction()) {
                break;
            }
        }
        return published;
    }

    /**
     * Whether this run holds bulk rows back: while bulk rows wait and the pacing says so, up to {@code max-bulk-hold}
     * in a row (or for as long as the pacing asks, when it says its hold ends by itself), then one run lets everything
     * through and the next hold starts afresh. The pacing (which may read queue depths) is asked only when a bulk row
     * waits: without one, holding changes nothing.
     */
    private boolean holdBulk(Instant now, boolean bulkWaiting) {
        if (!bulkWaiting || !pacing.holdBulk()) {
            var since = holdingSince;
            if (since != null) {
                heldNanos += Duration.between(since, now).toNanos();
                log.debug("outbox relay: bulk events go out again after {}", Duration.between(since, now));
                holdingSince = null;
            }
            return false;
        }
        var since = holdingSince;
        if (since == null) {
            holdingSince = now;
            log.debug("outbox relay: holding bulk events back as the pacing asks");
            return true;
        }
        if (!pacing.holdUntilReleased() && Duration.between(since, now).compareTo(properties.maxBulkHold()) >= 0) {
            heldNanos += Duration.between(since, now).toNanos();
            holdingSince = null;
            return false;
        }
        return true;
    }

    /** Rows a run publishes at most while bulk rows go out in order: a run that published this many stopped early. */
    int fullRun() {
        return transactionsPerRun() * rowsPerTransaction();
    }

    private int transactionsPerRun() {
        return Math.max(1, MAX_BATCHES_PER_RUN / properties.batchesPerConfirm());
    }

    private int rowsPerTransaction() {
        return properties.batchesPerConfirm() * properties.batchSize();
    }

    /** Whether {@code probe}, one EXISTS over a partial index of unpublished rows, finds any. */
    private boolean waiting(String probe) {
        return jdbc.sql(probe).query(Boolean.class).single();
    }

    /** Seconds bulk rows have been held back in all, the current hold included (for the metrics). */
    public double bulkHeldSeconds() {
        var held = heldNanos;
        var since = holdingSince;
        if (since != null) {
            held += Duration.between(since, clock.instant()).toNanos();
        }
        return held / 1e9;
    }

    /**
     * One transaction: up to {@code batches-per-confirm} times, while each comes back full, claims a batch with {@code
     * query}, sends it and marks it published; then waits once for the broker's confirms of everything sent, and only
     * then lets the transaction commit. So the broker confirms one batch while the next is claimed and marked, instead
     * of the two taking turns. The marks are this transaction's own until it commits (a later claim in it skips the
     * rows already marked); a confirm that fails or does not come in time throws, and the rollback leaves every row it
     * sent unpublished, to go out again on a later run.
     */
    private int publishBatches(String query) {
        var first = claim(query);
        if (first.isEmpty()) {
            // Nothing to send: no channel is taken, so an idle relay does not fail while the broker is away.
            return 0;
        }
        Integer sent = rabbit.invoke(operations -> {
            int count = 0;
            var rows = first;
            for (int batch = 1; !rows.isEmpty(); batch++) {
                for (var row : rows) {
                    operations.send(Exchanges.EVENTS, row.routingKey(), message(row));
                }
                jdbc.sql("UPDATE outbox SET published_at = now() WHERE position IN (:positions)")
                        .param("positions", rows.stream().map(Row::position).toList())
                        .update();
                count += rows.size();
                var more = rows.size() == properties.batchSize() && batch < properties.batchesPerConfirm();
                rows = more ? claim(query) : List.of();
            }
            operations.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            return count;
        });
        return sent == null ? 0 : sent;
    }

    private List<Row> claim(String query) {
        return jdbc.sql(query).param(properties.batchSize()).query(Row.class).list();
    }

    private static Message message(Row row) {
        return MessageBuilder.withBody(row.payload().getBytes(StandardCharsets.UTF_8))
                .setContentType(CloudEvent.CONTENT_TYPE)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(row.eventId().toString())
                .setType(row.eventType())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    private Duration backoff() {
        var initial = properties.initialBackoff().toMillis();
        var exponent = Math.min(failures - 1, 20);
        var millis = Math.min(properties.maxBackoff().toMillis(), initial * (1L << exponent));
        return Duration.ofMillis(millis);
    }

    /**
     * Deletes published rows older than the retention period, {@code purge-batch-size} rows a statement, each
     * committed on its own: a week after an import of 1,000,000 cases one statement would delete 2,000,000 rows in
     * one long transaction (its WAL at once, its dead rows invisible to vacuum until it ends). Returns how many.
     */
    public int purge() {
        var cutoff = clock.instant().minus(properties.retention()).atOffset(ZoneOffset.UTC);
        int purged = 0;
        int deleted;
        do {
            deleted = jdbc.sql(PURGE_BATCH)
                    .params(cutoff, properties.purgeBatchSize())
                    .update();
            purged += deleted;
        } while (deleted == properties.purgeBatchSize());
        return purged;
    }
}
