package org.amends.messaging.outbox;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link OutboxRelay} on a thread of its own: the next run at once after a run that published a full run's
 * worth (more rows are likely waiting), otherwise after {@code amends.outbox.relay-interval}.
 *
 * <p>Not on the application's task scheduler: with virtual threads on, Spring runs every fixed-delay task on that
 * scheduler's one thread, so a service's other periodic work (an SLA scan, the hourly purge of a week's published rows
 * after an import of a million cases) held every event back for as long as it ran, and the pause after each full run
 * idled the relay while an import's events waited.
 *
 * <p>It starts before, and stops after, the web server and the message listeners (a lower phase), so what they write
 * while they finish still goes out; a run in progress completes before the service stops.
 */
final class OutboxRelayLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelayLoop.class);
    /** Below the web server's graceful shutdown and the listener containers, which stop first. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final OutboxRelay relay;
    private final Duration interval;
    private final Duration stopWait;
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    OutboxRelayLoop(OutboxRelay relay, OutboxProperties properties) {
        this.relay = relay;
        this.interval = properties.relayInterval();
        // A run in progress may be waiting for the broker's confirms.
        this.stopWait = properties.confirmTimeout().plusSeconds(5);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon(true).start(this::loop);
    }

    private void loop() {
        while (running) {
            int published;
            try {
                published = relay.relay();
            } catch (RuntimeException e) {
                // relay() handles its own failures; anything else must not end the loop, or no event would go out.
                log.error("outbox relay run failed unexpectedly", e);
                published = 0;
            }
            if (published < relay.fullRun() && running) {
                LockSupport.parkNanos(interval.toNanos());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        var current = thread;
        if (current == null) {
            return;
        }
        LockSupport.unpark(current);
        try {
            if (!current.join(stopWait)) {
                log.warn("outbox relay still running after {}; stopping without it", stopWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
