package org.amends.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.amends.contracts.Exchanges;
import org.amends.contracts.Subscription;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The consumer side of the event contract, the same for every subscribed queue: each catalogue example of the bound
 * types is applied once however often it arrives, and what cannot be applied (an unknown major version, a body that
 * is not JSON) goes to the queue's dead-letter queue with its reason. A consumer's {@code *IT} implements it next to
 * its own test base, naming the subscription, a template on the test vhost and how to count applied events.
 */
public interface ConsumerContract {

    Subscription subscription();

    RabbitTemplate rabbit();

    /** How many of these event ids the consumer has applied (rows in its inbox). */
    long applied(List<UUID> eventIds);

    @Test
    default void everyCatalogueExampleOfTheBoundTypesIsAppliedOnceEvenWhenDeliveredThreeTimes() {
        var ids = new ArrayList<UUID>();
        for (var type : subscription().types()) {
            var id = UUID.randomUUID();
            ids.add(id);
            var event = EventSchemas.example(type.type(), id);
            for (int i = 0; i < 3; i++) {
                rabbit().send(Exchanges.EVENTS, type.routingKey(), TestRabbit.cloudEvent(event));
            }
        }

        awaitUntil(() -> applied(ids) == ids.size() && drained());

        assertThat(applied(ids))
                .as("one inbox row per event, however often it was delivered")
                .isEqualTo(ids.size());
    }

    @Test
    default void anUnknownMajorVersionGoesToTheDeadLetterQueueWithoutBeingApplied() {
        var id = UUID.randomUUID();
        var known = subscription().types().getFirst().type();
        var unknown = known.substring(0, known.lastIndexOf(".v")) + ".v9";
        var event = EventSchemas.example(known, id).replace(known, unknown);

        rabbit().send("", subscription().queue(), TestRabbit.cloudEvent(event));

        var deadLetter = awaitDeadLetter();
        assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).contains(id.toString());
        assertThat((String) deadLetter.getMessageProperties().getHeader(Subscription.DEAD_LETTER_REASON_HEADER))
                .contains("unknown event type " + unknown);
        assertThat(applied(List.of(id))).isZero();
    }

    @Test
    default void aBodyThatIsNotJsonGoesToTheDeadLetterQueue() {
        rabbit().send("", subscription().queue(), TestRabbit.cloudEvent("{not json"));

        var deadLetter = awaitDeadLetter();
        assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat((String) deadLetter.getMessageProperties().getHeader(Subscription.DEAD_LETTER_REASON_HEADER))
                .startsWith("not a JSON CloudEvent");
    }

    private boolean drained() {
        return rabbit().execute(channel ->
                                channel.queueDeclarePassive(subscription().queue()))
                        .getMessageCount()
                == 0;
    }

    private Message awaitDeadLetter() {
        var queue = subscription().deadLetterQueue();
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            var message = rabbit().receive(queue, 500);
            if (message != null) {
                return message;
            }
        }
        throw new AssertionError("nothing arrived on " + queue + " within 20 s");
    }

    private static void awaitUntil(BooleanSupplier condition) {
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline) && !condition.getAsBoolean()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
