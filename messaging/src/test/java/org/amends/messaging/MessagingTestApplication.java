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

    @Bean
    BulkPacing bulkPacing() {
        return HOLD_BULK::get;
    }
}
