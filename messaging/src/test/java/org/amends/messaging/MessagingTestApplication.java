package org.amends.messaging;

import java.util.concurrent.atomic.AtomicBoolean;
import org.amends.messaging.outbox.BulkPacing;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Scheduled;

/** The smallest application the library's auto-configuration serves, for its own tests. */
@SpringBootApplication
class MessagingTestApplication {

    /** What the relay's {@link BulkPacing} answers: a test sets it to play strained live traffic. */
    static final AtomicBoolean HOLD_BULK = new AtomicBoolean();
    /** Whether that hold ends by itself (a bulk job still writing): a test sets it with {@link #HOLD_BULK}. */
    static final AtomicBoolean HOLD_UNTIL_RELEASED = new AtomicBoolean();

    /** While set, the application's own periodic task keeps running: a test plays a long SLA scan or purge with it. */
    static final AtomicBoolean KEEP_PERIODIC_TASK_BUSY = new AtomicBoolean();
    /** Set by that task once it is running. */
    static final AtomicBoolean PERIODIC_TASK_RUNNING = new AtomicBoolean();

    /** Another fixed-delay task of the service, on the application's task scheduler as the services' scans are. */
    @Scheduled(fixedDelay = 50)
    void periodicTask() throws InterruptedException {
        while (KEEP_PERIODIC_TASK_BUSY.get()) {
            PERIODIC_TASK_RUNNING.set(true);
            Thread.sleep(20);
        }
        PERIODIC_TASK_RUNNING.set(false);
    }

    @Bean
    BulkPacing bulkPacing() {
        return new BulkPacing() {
            @Override
            public boolean holdBulk() {
                return HOLD_BULK.get();
            }

            @Override
            public boolean holdUntilReleased() {
                return HOLD_UNTIL_RELEASED.get();
            }
        };
    }
}
