package org.amends.remedies.cases;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes case events. Reads only the envelope fields it needs and ignores unknown ones; an event it cannot read,
 * or a type it does not know, goes to the dead-letter queue with the reason instead of blocking the queue.
 */
@Component
class CaseEventsListener {

    private static final Logger log = LoggerFactory.getLogger(CaseEventsListener.class);

    private final ProcessedEvents processed;
    private final JsonMapper json;
    private final MeterRegistry meters;

    CaseEventsListener(ProcessedEvents processed, MeterRegistry meters) {
        this.processed = processed;
        this.meters = meters;
        this.json = JsonMapper.builder().build();
    }

    @RabbitListener(queues = CaseEventsQueue.NAME)
    @Transactional
    void on(byte[] body) {
        var event = parse(body);
        var id = event.path("id").asString("");
        var type = event.path("type").asString("");
        var subject = event.path("subject").asString("");
        if (CaseEventsQueue.SUBSCRIPTION.types().stream()
                .noneMatch(known -> known.type().equals(type))) {
            throw new AmqpRejectAndDontRequeueException("unknown event type " + type + " (event " + id + ")");
        }
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new AmqpRejectAndDontRequeueException("event id is not a UUID: " + id);
        }
        if (processed.firstTime(eventId, type, subject)) {
            meters.counter("amends_events_consumed_total", "type", type).increment();
            log.debug("applied {} {} for case {}", type, eventId, subject);
        } else {
            meters.counter("amends_events_duplicates_total", "type", type).increment();
        }
    }

    private tools.jackson.databind.JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new AmqpRejectAndDontRequeueException("not a JSON CloudEvent: " + e.getOriginalMessage());
        }
    }
}
