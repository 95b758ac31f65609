package org.amends.messaging.inbox;

import java.time.Instant;
import org.amends.contracts.Subscription;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;

/**
 * Where an event goes once its retries are spent: the consuming queue's {@code .dlq}, with the reason and where it
 * came from in headers, so an operator can see why without reading logs and replay it to the original routing key.
 * If even this publish fails, the container rejects the message and the queue's own dead-letter settings apply.
 */
public class DeadLetters implements MessageRecoverer {

    private final RabbitTemplate rabbit;

    public DeadLetters(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    @Override
    public void recover(Message message, Throwable cause) {
        var properties = message.getMessageProperties();
        var root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        properties.setHeader(Subscription.DEAD_LETTER_REASON_HEADER, root.getMessage());
        properties.setHeader("x-amends-dead-lettered-at", Instant.now().toString());
        properties.setHeader("x-amends-original-exchange", properties.getReceivedExchange());
        properties.setHeader("x-amends-original-routing-key", properties.getReceivedRoutingKey());
        rabbit.send("", properties.getConsumerQueue() + ".dlq", message);
    }
}
