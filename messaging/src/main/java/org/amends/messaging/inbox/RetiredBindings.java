package org.amends.messaging.inbox;

import java.util.List;
import org.amends.contracts.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Takes the types a consumer's subscriptions have retired ({@link Subscription#retired()}) off its queues when it
 * starts: a queue an earlier version declared keeps every binding it had, because declaring only adds. Until this has
 * run (the broker was away at start-up, say) such events still arrive and are read and skipped ({@link IncomingEvent}),
 * so it saves the broker and the consumer work and is never needed for correctness.
 */
public class RetiredBindings {

    private static final Logger log = LoggerFactory.getLogger(RetiredBindings.class);

    private final AmqpAdmin admin;
    private final List<Subscription> subscriptions;

    /** For the subscriptions whose queues this consumer declares. */
    public RetiredBindings(AmqpAdmin admin, List<Subscription> subscriptions) {
        this.admin = admin;
        this.subscriptions = List.copyOf(subscriptions);
    }

    /** Unbinds every retired type; unbinding one that is not bound changes nothing. */
    @EventListener(ApplicationReadyEvent.class)
    public void remove() {
        for (var subscription : subscriptions) {
            for (var type : subscription.retired()) {
                try {
                    admin.removeBinding(SubscriptionQueues.binding(subscription, type));
                } catch (AmqpException e) {
                    log.warn(
                            "could not unbind retired {} from {} ({}); its events are skipped as they arrive",
                            type.routingKey(),
                            subscription.queue(),
                            e.toString());
                    return;
                }
            }
        }
    }
}
