package org.amends.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.amends.contracts.Subscriptions;
import org.amends.contracts.cases.CaseEvents;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.testkit.EventSchemas;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;

class IncomingEventTest {

    @Test
    void everyCatalogueExampleIsReadAndUnknownFieldsAreIgnored() {
        for (var eventType : Subscriptions.INSIGHT_CASE_EVENTS.types()) {
            var type = eventType.type();
            var example = EventSchemas.examples().get(type);
            var withExtra = example.replaceFirst("\\{", "{\"somethingNew\": {\"a\": 1},");

            var event = IncomingEvent.read(bytes(withExtra), Subscriptions.INSIGHT_CASE_EVENTS);

            assertThat(event.type()).isEqualTo(type);
            var about = event.data().has("caseId") ? "caseId" : "customerId";
            assertThat(event.subject()).isEqualTo(event.data().path(about).asString());
        }
    }

    @Test
    void anUnknownMajorVersionIsRefusedWithItsReason() {
        var v2 = EventSchemas.examples().get("amends.case.opened.v1").replace("case.opened.v1", "case.opened.v2");

        assertThatThrownBy(() -> IncomingEvent.read(bytes(v2), Subscriptions.REMEDY_CASE_EVENTS))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class)
                .hasMessageContaining("unknown event type amends.case.opened.v2");
    }

    @Test
    void aRetiredTypeIsReadForTheConsumerToSkipButAnotherAreasTypeIsRefused() {
        var acknowledged = EventSchemas.examples().get("amends.case.acknowledged.v1");
        assertThat(Subscriptions.REMEDY_CASE_EVENTS.retired()).contains(CaseEvents.ACKNOWLEDGED);

        assertThat(IncomingEvent.read(bytes(acknowledged), Subscriptions.REMEDY_CASE_EVENTS)
                        .is(CaseEvents.ACKNOWLEDGED))
                .isTrue();
        var remedyEvent = EventSchemas.examples().get("amends.remedy.offered.v1");
        assertThatThrownBy(() -> IncomingEvent.read(bytes(remedyEvent), Subscriptions.REMEDY_CASE_EVENTS))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class)
                .hasMessageContaining("unknown event type amends.remedy.offered.v1");
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> IncomingEvent.read(bytes("{nope"), Subscriptions.REMEDY_CASE_EVENTS))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class)
                .hasMessageStartingWith("not a JSON CloudEvent");
    }

    @Test
    void anIdThatIsNotAUuidIsRefused() {
        var example = EventSchemas.examples()
                .get("amends.case.closed.v1")
                .replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"42\"");

        assertThatThrownBy(() -> IncomingEvent.read(bytes(example), Subscriptions.REMEDY_CASE_EVENTS))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class)
                .hasMessageContaining("not a UUID");
        assertThat(IncomingEvent.read(
                                bytes(EventSchemas.examples().get("amends.case.closed.v1")),
                                Subscriptions.REMEDY_CASE_EVENTS)
                        .is(CaseEvents.CLOSED))
                .isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
