package org.amends.insight.cases;

import org.amends.insight.intake.EventIntake;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes case events. Reads only the envelope fields it needs and ignores unknown ones; an event it cannot read,
 * or a type it does not bind, goes to the dead-letter queue with the reason instead of blocking the queue.
 */
@Component
class CaseEventsListener {

    private final EventIntake intake;

    CaseEventsListener(EventIntake intake) {
        this.intake = intake;
    }

    @RabbitListener(queues = CaseEventsQueue.NAME)
    void on(byte[] body) {
        intake.take(body, CaseEventsQueue.SUBSCRIPTION);
    }
}
