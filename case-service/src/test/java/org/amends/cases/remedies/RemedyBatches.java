package org.amends.cases.remedies;

import java.util.List;
import org.amends.testkit.TestRabbit;
import org.springframework.context.ApplicationContext;

/**
 * Hands the remedy listener a batch of its own choosing, on the caller's thread, as its container would: a test of
 * what one batch does cannot rely on how RabbitMQ's deliveries happen to fall into batches.
 */
public final class RemedyBatches {

    private RemedyBatches() {}

    /** Applies the events (CloudEvents JSON) as one batch of the service's remedy listener. */
    public static void apply(ApplicationContext context, List<String> events) {
        context.getBean(RemedyEventsListener.class)
                .on(events.stream().map(TestRabbit::cloudEvent).toList());
    }
}
