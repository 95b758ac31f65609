package org.amends.insight.remedies;

import org.amends.insight.intake.EventIntake;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Consumes remedy events, each event id once; what it cannot read is dead-lettered with the reason. */
@Component
class RemedyEventsListener {

    private final EventIntake intake;

    RemedyEventsListener(EventIntake intake) {
        this.intake = intake;
    }

    @RabbitListener(queues = RemedyEventsQueue.NAME)
    void on(byte[] body) {
        intake.take(body, RemedyEventsQueue.SUBSCRIPTION);
    }
}
