package org.amends.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    record Data() {}

    @Test
    void routingKeyIsTheTypeWithoutTheAmendsPrefixVersionIncluded() {
        var type = new EventType<>("amends.case.sla-breached.v1", Data.class);

        assertThat(type.routingKey()).isEqualTo("case.sla-breached.v1");
        assertThat(type.area()).isEqualTo("case");
        assertThat(type.version()).isEqualTo(1);
        assertThat(type.fileStem()).isEqualTo("case-sla-breached.v1");
        assertThat(type.schemaResource()).isEqualTo("/org/amends/contracts/schemas/case-sla-breached.v1.schema.json");
    }

    @Test
    void typesThatDoNotFollowTheNamingRuleAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EventType<>("org.amends.case.opened", Data.class));
        assertThatIllegalArgumentException().isThrownBy(() -> new EventType<>("amends.case.opened.v0", Data.class));
        assertThatIllegalArgumentException().isThrownBy(() -> new EventType<>("amends.Case.Opened.v1", Data.class));
    }

    @Test
    void everyCatalogueTypeIsUniqueAndHasItsSchemaAndExampleOnTheClasspath() {
        assertThat(EventCatalogue.all()).extracting(EventType::type).doesNotHaveDuplicates();
        for (var type : EventCatalogue.all()) {
            assertThat(EventTypeTest.class.getResource(type.schemaResource()))
                    .as(type.schemaResource())
                    .isNotNull();
            assertThat(EventTypeTest.class.getResource(type.exampleResource()))
                    .as(type.exampleResource())
                    .isNotNull();
        }
    }
}
