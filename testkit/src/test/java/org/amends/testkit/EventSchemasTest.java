package org.amends.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.amends.contracts.EventCatalogue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventSchemasTest {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void everyCheckedInExampleHonoursItsSchema() {
        assertThat(EventSchemas.examples()).hasSameSizeAs(EventCatalogue.all());
        EventSchemas.examples()
                .forEach((type, example) ->
                        assertThat(EventSchemas.problems(example)).as(type).isEmpty());
    }

    @Test
    void everyExampleMapsOntoItsDataRecord() {
        for (var type : EventCatalogue.all()) {
            var example = json.readTree(EventSchemas.examples().get(type.type()));
            var record = json.treeToValue(example.path("data"), type.dataType());
            assertThat(record).as(type.type()).hasNoNullFieldsOrPropertiesExcept("audienceSize");
            var data = example.path("data");
            var ordering = data.has("caseId") ? "caseId" : data.has("episodeId") ? "episodeId" : "customerId";
            assertThat(example.path("subject").asString())
                    .as("subject is the case id (a spike's, its episode id; an erasure's, the customer id)")
                    .isEqualTo(data.path(ordering).asString());
        }
    }

    @Test
    void aMissingRequiredFieldIsReported() {
        var example = EventSchemas.examples().get("amends.case.opened.v1").replace("\"severity\": \"HIGH\",", "");

        assertThat(EventSchemas.problems(example))
                .anySatisfy(problem -> assertThat(problem).startsWith("data:").contains("severity"));
    }

    @Test
    void aTypeOutsideTheCatalogueFails() {
        var example = EventSchemas.examples()
                .get("amends.case.opened.v1")
                .replace("amends.case.opened.v1", "amends.case.teleported.v1");

        assertThatThrownBy(() -> EventSchemas.assertValid(example))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not in the event catalogue");
    }

    @Test
    void anEnvelopeWithoutItsIdFails() {
        var example = EventSchemas.examples().get("amends.case.closed.v1").replaceFirst("\"id\": \"[^\"]+\",", "");

        assertThat(EventSchemas.problems(example))
                .anySatisfy(problem -> assertThat(problem).startsWith("envelope:"));
    }
}
