package org.amends.insight.remedies;

import io.micrometer.core.instrument.MeterRegistry;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.messaging.inbox.ProcessedEvents;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Consumes remedy events, each event id once; what it cannot read is dead-lettered with the reason. */
@Component
class RemedyEventsListener {

    private final ProcessedEvents processed;
    private final MeterRegistry meters;

    RemedyEventsListener(ProcessedEvents processed, MeterRegistry meters) {
        this.processed = processed;
        this.meters = meters;
    }

    @RabbitListener(queues = RemedyEventsQueue.NAME)
    @Transactional
    void on(byte[] body) {
        var event = IncomingEvent.read(body, RemedyEventsQueue.SUBSCRIPTION);
        var outcome = processed.firstTime(event) ? "amends_events_consumed_total" : "amends_events_duplicates_total";
        meters.counter(outcome, "type", event.type()).increment();
    }
}
