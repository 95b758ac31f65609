package org.amends.messaging;

import java.util.concurrent.atomic.AtomicBoolean;
import org.amends.messaging.outbox.BulkPacing;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The smallest application the library's auto-configuration serves, for its own tests. */
@SpringBootApplication
class MessagingTestApplication {

    /** What the relay's {@link BulkPacing} answers: a test sets it to play strained live traffic. */
    static final AtomicBoolean HOLD_BULK = new AtomicBoolean();
    /** Whether that hold ends by itself (a bulk job still writing): a test sets it with {@link #HOLD_BULK}. */
    static final AtomicBoolean HOLD_UNTIL_RELEASED = new AtomicBoolean();

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
