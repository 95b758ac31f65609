package org.amends.remedies.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * The remedy lifecycle under every sequence of steps by callers of every authority: a step either makes the one
 * transition the lifecycle allows or is refused and leaves the state as it was; nothing is approved beyond the
 * approver's authority, and a finished remedy (rejected, declined, fulfilled, failed) never moves again.
 */
class RemedyLifecyclePropertyTest {

    enum Step {
        APPROVE_AUTOMATICALLY,
        APPROVE,
        REJECT,
        OFFER,
        ACCEPT,
        DECLINE,
        START_FULFILMENT,
        FULFIL,
        FAIL
    }

    /** One step by a caller of {@code authority}, with the level the remedy needs at that moment. */
    record Move(Step step, Authority authority, Authority currentlyRequired) {}

    static final Map<Step, RemedyState> FROM = Map.of(
            Step.APPROVE_AUTOMATICALLY, RemedyState.PROPOSED,
            Step.APPROVE, RemedyState.PROPOSED,
            Step.REJECT, RemedyState.PROPOSED,
            Step.OFFER, RemedyState.APPROVED,
            Step.ACCEPT, RemedyState.OFFERED,
            Step.DECLINE, RemedyState.OFFERED,
            Step.START_FULFILMENT, RemedyState.ACCEPTED,
            Step.FULFIL, RemedyState.FULFILLING,
            Step.FAIL, RemedyState.FULFILLING);

    static final Map<Step, RemedyState> TO = Map.of(
            Step.APPROVE_AUTOMATICALLY, RemedyState.APPROVED,
            Step.APPROVE, RemedyState.APPROVED,
            Step.REJECT, RemedyState.REJECTED,
            Step.OFFER, RemedyState.OFFERED,
            Step.ACCEPT, RemedyState.ACCEPTED,
            Step.DECLINE, RemedyState.DECLINED,
            Step.START_FULFILMENT, RemedyState.FULFILLING,
            Step.FULFIL, RemedyState.FULFILLED,
            Step.FAIL, RemedyState.FAILED);

    static final Set<RemedyState> FINISHED =
            EnumSet.of(RemedyState.REJECTED, RemedyState.DECLINED, RemedyState.FULFILLED, RemedyState.FAILED);

    @Property(tries = 1000)
    void everySequenceMakesOnlyLegalTransitionsWithinTheCallersAuthority(
            @ForAll Authority initiallyRequired, @ForAll("moves") List<Move> moves) {
        var remedy = RemedyMother.proposed(RemedyType.REFUND, 12_000, initiallyRequired);
        var required = initiallyRequired;
        for (var move : moves) {
            var before = remedy.state();
            var inState = before == FROM.get(move.step());
            var allowed = switch (move.step()) {
                case APPROVE_AUTOMATICALLY -> inState && required == Authority.AUTOMATIC;
                case APPROVE -> inState && move.authority().covers(move.currentlyRequired());
                case REJECT -> inState && move.authority().covers(required);
                default -> inState;
            };
            if (allowed) {
                take(remedy, move);
                assertThat(remedy.state()).isEqualTo(TO.get(move.step()));
            } else {
                assertThatThrownBy(() -> take(remedy, move))
                        .isInstanceOfAny(IllegalTransitionException.class, ApprovalLimitExceededException.class);
                assertThat(remedy.state()).isEqualTo(before);
            }
            if (move.step() == Step.APPROVE && inState) {
                required = move.currentlyRequired();
            }
            if (FINISHED.contains(before)) {
                assertThat(remedy.state()).isEqualTo(before);
            }
            if (remedy.state() == RemedyState.FULFILLING || remedy.state() == RemedyState.FULFILLED) {
                assertThat(remedy.fulfiller()).isEqualTo("acme-partner");
            }
        }
    }

    private static void take(Remedy remedy, Move move) {
        var now = RemedyMother.NOW;
        switch (move.step()) {
            case APPROVE_AUTOMATICALLY -> remedy.approveAutomatically(now);
            case APPROVE -> remedy.approveBy("someone", move.authority(), move.currentlyRequired(), now);
            case REJECT -> remedy.reject("someone", move.authority(), "not deserved", now);
            case OFFER -> remedy.offer(now);
            case ACCEPT -> remedy.accept("customer", now);
            case DECLINE -> remedy.decline("customer", now);
            case START_FULFILMENT -> remedy.startFulfilment("acme-partner", now);
            case FULFIL -> remedy.fulfil("REF-1", now);
            case FAIL -> remedy.fail("partner down", now);
        }
    }

    @Provide
    Arbitrary<List<Move>> moves() {
        return Combinators.combine(
                        Arbitraries.of(Step.class), Arbitraries.of(Authority.class), Arbitraries.of(Authority.class))
                .as(Move::new)
                .list()
                .ofMaxSize(20);
    }
}
