package org.amends.insight.cases;

import io.micrometer.core.instrument.MeterRegistry;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.messaging.inbox.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consumes case events. Reads only the envelope fields it needs and ignores unknown ones; an event it cannot read,
 * or a type it does not bind, goes to the dead-letter queue with the reason instead of blocking the queue.
 */
@Component
class CaseEventsListener {

    private static final Logger log = LoggerFactory.getLogger(CaseEventsListener.class);

    private final ProcessedEvents processed;
    private final MeterRegistry meters;

    CaseEventsListener(ProcessedEvents processed, MeterRegistry meters) {
        this.processed = processed;
        this.meters = meters;
    }

    @RabbitListener(queues = CaseEventsQueue.NAME)
    @Transactional
    void on(byte[] body) {
        var event = IncomingEvent.read(body, CaseEventsQueue.SUBSCRIPTION);
        if (processed.firstTime(event)) {
            meters.counter("amends_events_consumed_total", "type", event.type()).increment();
            log.debug("applied {} {} for case {}", event.type(), event.id(), event.subject());
        } else {
            meters.counter("amends_events_duplicates_total", "type", event.type())
                    .increment();
        }
    }
}
