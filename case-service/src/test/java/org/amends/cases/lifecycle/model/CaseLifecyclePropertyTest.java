package org.amends.cases.lifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * The case lifecycle under every sequence of steps at every pace: each step either makes exactly the transition the
 * lifecycle allows or is refused and changes nothing, so no sequence reaches an illegal state.
 */
class CaseLifecyclePropertyTest {

    static final Duration WINDOW = Duration.ofDays(30);

    enum Step {
        ACKNOWLEDGE,
        INVESTIGATE,
        RESOLVE,
        CLOSE,
        REOPEN
    }

    /** One step, taken {@code daysLater} days after the previous one. */
    record Move(Step step, int daysLater) {}

    /** Where each step may start from, and where it leads. */
    static final Map<Step, Set<CaseStatus>> FROM = Map.of(
            Step.ACKNOWLEDGE, EnumSet.of(CaseStatus.RECEIVED),
            Step.INVESTIGATE, EnumSet.of(CaseStatus.ACKNOWLEDGED, CaseStatus.REOPENED),
            Step.RESOLVE, EnumSet.of(CaseStatus.ACKNOWLEDGED, CaseStatus.INVESTIGATING, CaseStatus.REOPENED),
            Step.CLOSE, EnumSet.of(CaseStatus.RESOLVED),
            Step.REOPEN, EnumSet.of(CaseStatus.RESOLVED, CaseStatus.CLOSED));

    static final Map<Step, CaseStatus> TO = Map.of(
            Step.ACKNOWLEDGE, CaseStatus.ACKNOWLEDGED,
            Step.INVESTIGATE, CaseStatus.INVESTIGATING,
            Step.RESOLVE, CaseStatus.RESOLVED,
            Step.CLOSE, CaseStatus.CLOSED,
            Step.REOPEN, CaseStatus.REOPENED);

    @Property(tries = 1000)
    void everySequenceMakesOnlyLegalTransitionsAndARefusedStepChangesNothing(@ForAll("moves") List<Move> moves) {
        var aCase = CaseTest.received();
        var now = CaseTest.OPENED;
        var expected = CaseStatus.RECEIVED;
        @Nullable Instant resolvedAt = null;
        long steps = 0;
        for (var move : moves) {
            now = now.plus(Duration.ofDays(move.daysLater())).plusSeconds(1);
            var before = aCase.snapshot();
            var allowed = FROM.get(move.step()).contains(expected)
                    && (move.step() != Step.REOPEN || !now.isAfter(resolvedAt.plus(WINDOW)));
            if (allowed) {
                take(aCase, move.step(), now);
                expected = TO.get(move.step());
                steps++;
                if (move.step() == Step.RESOLVE) {
                    resolvedAt = now;
                }
                assertThat(aCase.version()).isEqualTo(before.version() + 1);
                assertThat(aCase.snapshot().updatedAt()).isEqualTo(now);
            } else {
                var at = now;
                assertThatThrownBy(() -> take(aCase, move.step(), at)).isInstanceOf(IllegalTransitionException.class);
                assertThat(aCase.snapshot()).isEqualTo(before);
            }
            assertThat(aCase.status()).isEqualTo(expected);
            assertConsistent(aCase.snapshot());
        }
        assertThat(aCase.version()).isEqualTo(1 + steps);
    }

    /** What must hold of a case in each status, whatever led there. */
    private static void assertConsistent(Case.Snapshot s) {
        if (s.status() != CaseStatus.RECEIVED) {
            assertThat(s.acknowledgedAt()).isNotNull();
        }
        switch (s.status()) {
            case RESOLVED -> {
                assertThat(s.rootCause()).isNotNull();
                assertThat(s.resolvedAt()).isNotNull();
                assertThat(s.closedAt()).isNull();
            }
            case CLOSED -> {
                assertThat(s.resolvedAt()).isNotNull();
                assertThat(s.closedAt()).isNotNull().isAfterOrEqualTo(s.resolvedAt());
            }
            case REOPENED, INVESTIGATING, ACKNOWLEDGED -> {
                assertThat(s.resolvedAt()).isNull();
                assertThat(s.closedAt()).isNull();
            }
            default -> assertThat(s.acknowledgedAt()).isNull();
        }
    }

    private static void take(Case aCase, Step step, Instant now) {
        switch (step) {
            case ACKNOWLEDGE -> aCase.acknowledge("agent1", now);
            case INVESTIGATE -> aCase.investigate(now);
            case RESOLVE -> aCase.resolve(new RootCause("BILLING-RUN", "ran twice"), "agent1", now);
            case CLOSE -> aCase.close("agent1", now);
            case REOPEN -> aCase.reopen("still charged twice", "customer", now, WINDOW);
        }
    }

    @Provide
    Arbitrary<List<Move>> moves() {
        var move = Combinators.combine(
                        Arbitraries.of(Step.class),
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 3)),
                                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(25, 40))))
                .as(Move::new);
        return move.list().ofMaxSize(25);
    }
}
