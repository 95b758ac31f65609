package org.amends.cases.acknowledgement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amends.cases.lifecycle.model.Case;
import org.amends.cases.lifecycle.model.Channel;
import org.amends.cases.lifecycle.model.Complaint;
import org.amends.cases.lifecycle.model.Customer;
import org.amends.cases.lifecycle.model.ErrorKind;
import org.amends.cases.lifecycle.model.Impact;
import org.amends.cases.lifecycle.model.Severity;
import org.amends.cases.lifecycle.model.Submitter;
import org.amends.cases.lifecycle.model.SubmitterKind;
import org.amends.cases.lifecycle.model.Triage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MeaCulpaTemplatesTest {

    static final Instant OPENED = Instant.parse("2026-03-02T09:00:00Z");

    final MeaCulpaTemplates templates = new MeaCulpaTemplates();

    static Case aCase(String locale, ErrorKind kind) {
        return Case.open(
                UUID.randomUUID(),
                "AMD-000042",
                Channel.PHONE,
                new Submitter("agent1", SubmitterKind.AGENT),
                new Customer("Grace", null, "+34 600 000 000", locale, null, null),
                UUID.randomUUID(),
                new Complaint("Fibra 600", kind, "Cobro doble en marzo", "Dos cuotas", Impact.MEDIUM, null),
                new Triage(Severity.MEDIUM, 0, List.of()),
                OPENED,
                OPENED.plus(Duration.ofHours(4)),
                OPENED.plus(Duration.ofHours(72)));
    }

    @Test
    void englishNamesTheMistakeTheProductTheSummaryAndTheNextStep() {
        var message = templates.render(aCase("en", ErrorKind.CALCULATION));

        assertThat(message)
                .startsWith("Dear Grace,")
                .contains("We made a calculation mistake with your Fibra 600: \"Cobro doble en marzo\"")
                .contains("That was our fault")
                .contains("AMD-000042")
                .contains("we will find out exactly what went wrong")
                .contains("March 5, 2026");
    }

    @Test
    void spanishNamesTheMistakeTheProductTheSummaryAndTheNextStep() {
        var message = templates.render(aCase("es", ErrorKind.CALCULATION));

        assertThat(message)
                .startsWith("Estimado/a Grace:")
                .contains("Cometimos un error de cálculo con su Fibra 600: «Cobro doble en marzo»")
                .contains("Fue culpa nuestra")
                .contains("AMD-000042")
                .contains("averiguaremos exactamente qué falló")
                .contains("2026");
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void everyErrorKindHasPlainWordsInBothLanguages(ErrorKind kind) {
        assertThat(templates.render(aCase("en", kind))).doesNotContain("null").doesNotContain(kind.name());
        assertThat(templates.render(aCase("es", kind))).doesNotContain("null").doesNotContain(kind.name());
    }
}
