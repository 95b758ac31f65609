package org.amends.insight.cases;

import java.util.List;
import org.amends.insight.intake.EventIntake;
import org.amends.messaging.inbox.EventBatches;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes case events. Reads only the envelope fields it needs and ignores unknown ones; an event it cannot read,
 * or a type it does not bind, goes to the dead-letter queue with the reason instead of blocking the queue. Messages come
 * in batches applied in one transaction ({@link EventBatches}).
 */
@Component
class CaseEventsListener {

    private final EventBatches batches;
    private final EventIntake intake;

    CaseEventsListener(EventBatches batches, EventIntake intake) {
        this.batches = batches;
        this.intake = intake;
    }

    @RabbitListener(queues = CaseEventsQueue.NAME, containerFactory = EventBatches.LISTENER_CONTAINER_FACTORY)
    void on(List<Message> messages) {
        batches.applyAll(
                messages,
                batch -> intake.takeAll(batch.stream().map(Message::getBody).toList(), CaseEventsQueue.SUBSCRIPTION));
    }
}
