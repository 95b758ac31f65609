package org.amends.cases.lifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CaseTest {

    static final Instant OPENED = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration WINDOW = Duration.ofDays(30);

    static Case received() {
        return Case.open(
                UUID.randomUUID(),
                "AMD-000123",
                Channel.WEB,
                new Submitter("agent1", SubmitterKind.AGENT),
                new Customer("Ada", "ada@example.org", null, "en", null, null),
                UUID.randomUUID(),
                new Complaint(
                        "Broadband 500", ErrorKind.CALCULATION, "Charged twice", "Twice in March", Impact.HIGH, null),
                new Triage(Severity.HIGH, -0.4, List.of("impact HIGH")),
                OPENED,
                OPENED.plus(Duration.ofHours(1)),
                OPENED.plus(Duration.ofHours(24)));
    }

    static Case acknowledged() {
        var aCase = received();
        aCase.acknowledge("agent1", OPENED.plusSeconds(60));
        return aCase;
    }

    static Case resolved(Instant at) {
        var aCase = acknowledged();
        aCase.resolve(new RootCause("BILLING-RUN", "ran twice"), "agent1", at);
        return aCase;
    }

    @Nested
    class Opening {

        @Test
        void aNewCaseIsReceivedAtVersionOneAndAnnouncesItself() {
            var aCase = received();

            var opened = aCase.opened();

            assertThat(aCase.status()).isEqualTo(CaseStatus.RECEIVED);
            assertThat(opened.caseVersion()).isEqualTo(1);
            assertThat(opened.reference()).isEqualTo("AMD-000123");
            assertThat(opened.severity()).isEqualTo("HIGH");
            assertThat(opened.submitterKind()).isEqualTo("AGENT");
            assertThat(opened.acknowledgeDueAt()).isEqualTo(OPENED.plus(Duration.ofHours(1)));
        }
    }

    @Nested
    class LegalTransitions {

        @Test
        void acknowledgingWithinTheSlaSaysSo() {
            var aCase = received();

            var event = aCase.acknowledge("agent1", OPENED.plusSeconds(60));

            assertThat(aCase.status()).isEqualTo(CaseStatus.ACKNOWLEDGED);
            assertThat(event.caseVersion()).isEqualTo(2);
            assertThat(event.withinSla()).isTrue();
            assertThat(event.locale()).isEqualTo("en");
        }

        @Test
        void acknowledgingLateSaysSo() {
            var event = received().acknowledge("agent1", OPENED.plus(Duration.ofHours(2)));

            assertThat(event.withinSla()).isFalse();
        }

        @Test
        void investigateThenResolveThenClose() {
            var aCase = acknowledged();

            aCase.investigate(OPENED.plusSeconds(120));
            var resolved = aCase.resolve(new RootCause("BILLING-RUN", "ran twice"), "sue", OPENED.plusSeconds(180));
            var closed = aCase.close("sue", OPENED.plusSeconds(240));

            assertThat(aCase.status()).isEqualTo(CaseStatus.CLOSED);
            assertThat(resolved.rootCauseCode()).isEqualTo("BILLING-RUN");
            assertThat(resolved.caseVersion()).isEqualTo(4);
            assertThat(resolved.withinSla()).isTrue();
            assertThat(closed.caseVersion()).isEqualTo(5);
        }

        @Test
        void resolveIsAllowedStraightFromAcknowledged() {
            var aCase = acknowledged();

            aCase.resolve(new RootCause("X", "y"), "agent1", OPENED.plusSeconds(120));

            assertThat(aCase.status()).isEqualTo(CaseStatus.RESOLVED);
        }

        @Test
        void reopenWithinTheWindowThenInvestigateAndResolveAgain() {
            var resolvedAt = OPENED.plus(Duration.ofDays(1));
            var aCase = resolved(resolvedAt);
            aCase.close("agent1", resolvedAt.plusSeconds(1));

            var reopened = aCase.reopen("charged again", "agent1", resolvedAt.plus(Duration.ofDays(29)), WINDOW);
            aCase.investigate(resolvedAt.plus(Duration.ofDays(29)));
            aCase.resolve(new RootCause("X", "y"), "agent1", resolvedAt.plus(Duration.ofDays(30)));

            assertThat(reopened.reason()).isEqualTo("charged again");
            assertThat(aCase.status()).isEqualTo(CaseStatus.RESOLVED);
        }
    }

    @Nested
    class IllegalTransitions {

        @Test
        void cannotResolveCloseReopenOrInvestigateAReceivedCase() {
            var aCase = received();

            assertThatThrownBy(() -> aCase.resolve(new RootCause("X", "y"), "a", OPENED))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> aCase.close("a", OPENED)).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> aCase.reopen("r", "a", OPENED, WINDOW))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> aCase.investigate(OPENED)).isInstanceOf(IllegalTransitionException.class);
            assertThat(aCase.version()).isEqualTo(1);
        }

        @Test
        void cannotAcknowledgeTwice() {
            var aCase = acknowledged();

            assertThatThrownBy(() -> aCase.acknowledge("a", OPENED))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("ACKNOWLEDGED");
            assertThat(aCase.version()).isEqualTo(2);
        }

        @Test
        void cannotCloseAnUnresolvedCase() {
            assertThatThrownBy(() -> acknowledged().close("a", OPENED)).isInstanceOf(IllegalTransitionException.class);
        }

        @Test
        void cannotReopenAfterTheWindow() {
            var resolvedAt = OPENED.plus(Duration.ofDays(1));
            var aCase = resolved(resolvedAt);

            assertThatThrownBy(() -> aCase.reopen("late", "a", resolvedAt.plus(Duration.ofDays(31)), WINDOW))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("reopen window");
            assertThat(aCase.status()).isEqualTo(CaseStatus.RESOLVED);
        }

        @Test
        void cannotInvestigateAResolvedCase() {
            assertThatThrownBy(() -> resolved(OPENED.plusSeconds(100)).investigate(OPENED.plusSeconds(200)))
                    .isInstanceOf(IllegalTransitionException.class);
        }
    }
}
