package org.amends.cases.remedies;

import io.micrometer.core.instrument.MeterRegistry;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.messaging.inbox.ProcessedEvents;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consumes remedy events, each event id once: the inbox row and the event's effects commit together, so a
 * redelivery changes nothing. What it cannot read is dead-lettered with the reason.
 */
@Component
class RemedyEventsListener {

    private final ProcessedEvents processed;
    private final RemedyProgress progress;
    private final MeterRegistry meters;

    RemedyEventsListener(ProcessedEvents processed, RemedyProgress progress, MeterRegistry meters) {
        this.processed = processed;
        this.progress = progress;
        this.meters = meters;
    }

    @RabbitListener(queues = RemedyEventsQueue.NAME)
    @Transactional
    void on(byte[] body) {
        var event = IncomingEvent.read(body, RemedyEventsQueue.SUBSCRIPTION);
        if (processed.firstTime(event)) {
            progress.apply(event);
            meters.counter("amends_events_consumed_total", "type", event.type()).increment();
        } else {
            meters.counter("amends_events_duplicates_total", "type", event.type())
                    .increment();
        }
    }
}
