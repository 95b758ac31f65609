package org.amends.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.amends.contracts.Subscriptions;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.testkit.EventSchemas;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CloudEvents reader against whatever a queue may hold: every body is either read or refused into the dead-letter
 * queue ({@link AmqpRejectAndDontRequeueException}); nothing else escapes, which would make the listener retry a
 * poison message.
 */
class IncomingEventPropertyTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String EXAMPLE = EventSchemas.examples().get("amends.case.opened.v1");

    @Property(tries = 1000)
    void anyBodyIsReadOrRefusedIntoTheDeadLetters(@ForAll("bodies") byte[] body) {
        try {
            var event = IncomingEvent.read(body, Subscriptions.REMEDY_CASE_EVENTS);
            assertThat(Subscriptions.REMEDY_CASE_EVENTS.reads(event.type())).isTrue();
        } catch (AmqpRejectAndDontRequeueException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 500)
    void anEnvelopeWithAnyFieldReplacedIsReadOrRefused(
            @ForAll("fields") String field, @ForAll("jsonValues") String value) {
        var event = (ObjectNode) JSON.readTree(EXAMPLE);
        event.set(field, JSON.readTree(value));
        var body = JSON.writeValueAsBytes(event);
        try {
            var read = IncomingEvent.read(body, Subscriptions.REMEDY_CASE_EVENTS);
            assertThat(read.id()).isEqualTo(UUID.fromString(event.path("id").asString()));
        } catch (AmqpRejectAndDontRequeueException refused) {
            assertThat(field).isIn("id", "type");
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        var mutatedExample = Arbitraries.integers()
                .between(0, EXAMPLE.length() - 1)
                .flatMap(at -> Arbitraries.strings()
                        .all()
                        .ofMaxLength(3)
                        .map(noise -> EXAMPLE.substring(0, at) + noise + EXAMPLE.substring(at + 1)));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                Tuple.of(3, mutatedExample.map(text -> text.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, jsonValues().map(value -> value.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.just(EXAMPLE.getBytes(StandardCharsets.UTF_8))));
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of("id", "type", "subject", "data", "source", "specversion", "time");
    }

    /** Any JSON value: scalars of every kind, empty and nested containers. */
    @Provide
    Arbitrary<String> jsonValues() {
        return Arbitraries.of(
                "null",
                "true",
                "0",
                "-1.5e300",
                "\"\"",
                "\"not-a-uuid\"",
                "\"" + UUID.randomUUID() + "\"",
                "\"amends.case.opened.v1\"",
                "\"amends.case.opened.v2\"",
                "[]",
                "{}",
                "[\"" + UUID.randomUUID() + "\"]",
                "{\"id\": \"" + UUID.randomUUID() + "\"}",
                "[[[[[[[[[[[[]]]]]]]]]]]]",
                "\"\\u0000\\ud800\"");
    }
}
