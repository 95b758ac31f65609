package org.amends.cases.incidents;

import java.time.Duration;
import java.util.List;
import org.amends.cases.intake.IntakePressure;
import org.amends.contracts.Subscription;
import org.amends.contracts.Subscriptions;
import org.amends.contracts.cases.CaseEvents;
import org.amends.messaging.outbox.BulkPacing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * The rules that put bulk work below live work. Live intake is strained when the slowest tenth of its last requests
 * (within {@code amends.incidents.import.yield-window}) took longer than {@code yield-above}: the import then waits
 * before its next batch ({@link ImportWorker}). The outbox relay holds the import's events back ({@link BulkPacing})
 * while live intake is strained, and also while a consumer queue of case events already holds more than {@code
 * max-queued-events}: a consumer is handed an import no faster than it applies it, so what it has queued stays a few
 * seconds' work, stops soon after live intake needs the cores, and never sits in front of live events for minutes.
 * With {@code hold-events-while-importing} (the default) it holds them while this instance's import is still
 * writing, too, until the import ends: the import's cases are created and acknowledged first, on cores the consumers
 * would otherwise share, and their events follow. That hold ends by itself, so the relay does not let a run through
 * every {@code amends.outbox.max-bulk-hold} meanwhile (each such run handed the consumers thousands of events in the
 * middle of the job); a live event about an imported case still goes out at once, with its case's earlier events.
 */
@Component
class LiveIntakeFirst implements BulkPacing {

    private static final Logger log = LoggerFactory.getLogger(LiveIntakeFirst.class);
    /** Fewer recent live intakes than this say nothing about strain. */
    private static final int MIN_SAMPLES = 5;
    /** How long a reading of the queues' depth is reused: the relay asks every run, and one run publishes up to 2,000 rows. */
    private static final Duration DEPTH_READ_EVERY = Duration.ofMillis(200);

    private final IntakePressure pressure;
    private final ImportProperties properties;
    private final RabbitTemplate rabbit;
    private final List<String> consumerQueues = Subscriptions.of(CaseEvents.OPENED).stream()
            .map(Subscription::queue)
            .toList();
    private long depthReadAt = System.nanoTime() - DEPTH_READ_EVERY.toNanos();
    private long deepest;
    private volatile boolean importing;

    LiveIntakeFirst(IntakePressure pressure, ImportProperties properties, RabbitTemplate rabbit) {
        this.pressure = pressure;
        this.properties = properties;
        this.rabbit = rabbit;
    }

    /** Whether live intake is strained right now. */
    boolean strained() {
        return pressure.strained(properties.yieldAbove(), properties.yieldWindow(), MIN_SAMPLES);
    }

    /** Called by this instance's import worker as it starts and ends a job. */
    void importing(boolean running) {
        importing = running;
    }

    @Override
    public boolean holdBulk() {
        return holdUntilReleased() || strained() || deepestConsumerQueue() > properties.maxQueuedEvents();
    }

    @Override
    public boolean holdUntilReleased() {
        return importing && properties.holdEventsWhileImporting();
    }

    /** Messages in the fullest queue of case events, read at most every 200 ms (the relay's own pace, and it asks only while bulk rows wait); a missing queue counts none. */
    synchronized long deepestConsumerQueue() {
        var now = System.nanoTime();
        if (now - depthReadAt < DEPTH_READ_EVERY.toNanos()) {
            return deepest;
        }
        depthReadAt = now;
        long max = 0;
        for (var queue : consumerQueues) {
            try {
                var declared = rabbit.execute(channel -> channel.queueDeclarePassive(queue));
                if (declared != null) {
                    max = Math.max(max, declared.getMessageCount());
                }
            } catch (AmqpException e) {
                // Not declared yet (its consumer never started) or the broker is away: nothing queued to wait for.
                log.debug("could not read the depth of {}: {}", queue, e.toString());
            }
        }
        deepest = max;
        return max;
    }
}
