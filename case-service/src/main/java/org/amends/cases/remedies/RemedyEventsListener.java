package org.amends.cases.remedies;

import java.util.List;
import org.amends.messaging.inbox.EventBatches;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.messaging.inbox.ProcessedEvents;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes remedy events, each event id once: the inbox row and the event's effects commit together, so a
 * redelivery changes nothing. Messages come in batches, each applied in one transaction ({@link EventBatches}) and
 * set-based ({@link RemedyProgress#applyAll}); what it cannot read is dead-lettered with the reason.
 */
@Component
class RemedyEventsListener {

    private final EventBatches batches;
    private final ProcessedEvents processed;
    private final RemedyProgress progress;

    RemedyEventsListener(EventBatches batches, ProcessedEvents processed, RemedyProgress progress) {
        this.batches = batches;
        this.processed = processed;
        this.progress = progress;
    }

    @RabbitListener(queues = RemedyEventsQueue.NAME, containerFactory = EventBatches.LISTENER_CONTAINER_FACTORY)
    void on(List<Message> messages) {
        batches.applyAll(messages, this::take);
    }

    /** A batch in its transaction (or one message alone, when the batch was applied one by one). */
    private void take(List<Message> messages) {
        var events = messages.stream()
                .map(message -> IncomingEvent.read(message.getBody(), RemedyEventsQueue.SUBSCRIPTION))
                .toList();
        progress.applyAll(processed.firstTimes(events));
    }
}
