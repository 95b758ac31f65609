package org.amends.insight.remedies;

import java.util.List;
import org.amends.insight.intake.EventIntake;
import org.amends.messaging.inbox.EventBatches;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes remedy events, each event id once, in batches applied in one transaction ({@link EventBatches}); what it
 * cannot read is dead-lettered with the reason.
 */
@Component
class RemedyEventsListener {

    private final EventBatches batches;
    private final EventIntake intake;

    RemedyEventsListener(EventBatches batches, EventIntake intake) {
        this.batches = batches;
        this.intake = intake;
    }

    @RabbitListener(queues = RemedyEventsQueue.NAME, containerFactory = EventBatches.LISTENER_CONTAINER_FACTORY)
    void on(List<Message> messages) {
        batches.applyAll(
                messages,
                batch -> intake.takeAll(batch.stream().map(Message::getBody).toList(), RemedyEventsQueue.SUBSCRIPTION));
    }
}
