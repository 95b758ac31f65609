package org.amends.remedies.model;

import static org.amends.remedies.model.RemedyMother.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RemedyTest {

    @Nested
    class Approval {

        @Test
        void aSmallRemedyApprovesItselfAndSaysSo() {
            var remedy = RemedyMother.proposed(RemedyType.CREDIT, 1000, Authority.AUTOMATIC);

            var approved = remedy.approveAutomatically(NOW);

            assertThat(approved.automatic()).isTrue();
            assertThat(approved.approvedBy()).isEqualTo(Remedy.AUTOMATIC_APPROVER);
            assertThat(approved.amountMinorUnits()).isEqualTo(1000);
            assertThat(remedy.state()).isEqualTo(RemedyState.APPROVED);
        }

        @Test
        void aRemedyThatNeedsASupervisorDoesNotApproveItself() {
            var remedy = RemedyMother.proposed(RemedyType.CREDIT, 5000, Authority.SUPERVISOR);

            assertThat(remedy.approvesItself()).isFalse();
            assertThatThrownBy(() -> remedy.approveAutomatically(NOW))
                    .isInstanceOf(ApprovalLimitExceededException.class);
        }

        @Test
        void approvingAboveOnesAuthorityIsRefusedAndChangesNothing() {
            var remedy = RemedyMother.proposed(RemedyType.CREDIT, 50000, Authority.ADMIN);

            assertThatThrownBy(() -> remedy.approveBy("super1", Authority.SUPERVISOR, Authority.ADMIN, NOW))
                    .isInstanceOf(ApprovalLimitExceededException.class);
            assertThat(remedy.state()).isEqualTo(RemedyState.PROPOSED);
        }

        @Test
        void theRequirementAssessedAtApprovalTimeCounts() {
            var remedy = RemedyMother.proposed(RemedyType.CREDIT, 5000, Authority.SUPERVISOR);

            // The budget ran out since the proposal: now it needs an admin.
            assertThatThrownBy(() -> remedy.approveBy("super1", Authority.SUPERVISOR, Authority.ADMIN, NOW))
                    .isInstanceOf(ApprovalLimitExceededException.class);
            var approved = remedy.approveBy("admin1", Authority.ADMIN, Authority.ADMIN, NOW);
            assertThat(approved.approvedBy()).isEqualTo("admin1");
            assertThat(approved.automatic()).isFalse();
        }

        @Test
        void aRejectionCarriesAReasonAndNeedsTheSameAuthority() {
            var remedy = RemedyMother.proposed(RemedyType.CREDIT, 5000, Authority.SUPERVISOR);

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> remedy.reject("super1", Authority.SUPERVISOR, " ", NOW));
            assertThatThrownBy(() -> remedy.reject("agent1", Authority.AUTOMATIC, "too much", NOW))
                    .isInstanceOf(ApprovalLimitExceededException.class);
            var rejected = remedy.reject("super1", Authority.SUPERVISOR, " too much ", NOW);
            assertThat(rejected.reason()).isEqualTo("too much");
            assertThat(remedy.state()).isEqualTo(RemedyState.REJECTED);
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void anOfferIsAcceptedThenFulfilled() {
            var remedy = RemedyMother.offered(RemedyType.REFUND);

            var accepted = remedy.accept("customer", NOW);
            var fulfilling = remedy.startFulfilment("acme-partner", NOW);
            var fulfilled = remedy.fulfil("RF-1", NOW);

            assertThat(accepted.acceptedBy()).isEqualTo("customer");
            assertThat(fulfilling.channel()).isEqualTo("PARTNER");
            assertThat(fulfilled.fulfiller()).isEqualTo("acme-partner");
            assertThat(fulfilled.reference()).isEqualTo("RF-1");
            assertThat(remedy.state()).isEqualTo(RemedyState.FULFILLED);
        }

        @Test
        void aFailedFulfilmentSaysWhy() {
            var remedy = RemedyMother.fulfilling(RemedyType.REPLACEMENT);

            var failed = remedy.fail("retries exhausted", NOW);

            assertThat(failed.reason()).isEqualTo("retries exhausted");
            assertThat(remedy.state()).isEqualTo(RemedyState.FAILED);
        }

        @Test
        void illegalStepsAreRefused() {
            var proposed = RemedyMother.proposed(RemedyType.CREDIT, 5000, Authority.SUPERVISOR);
            var offered = RemedyMother.offered(RemedyType.CREDIT);
            var declined = RemedyMother.offered(RemedyType.CREDIT);
            declined.decline("customer", NOW);
            var fulfilled = RemedyMother.fulfilling(RemedyType.REFUND);
            fulfilled.fulfil("RF-1", NOW);

            assertThatThrownBy(() -> proposed.offer(NOW)).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> proposed.accept("customer", NOW)).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> offered.approveBy("admin1", Authority.ADMIN, Authority.AUTOMATIC, NOW))
                    .isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> declined.accept("customer", NOW)).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> fulfilled.fail("late", NOW)).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> fulfilled.fulfil("again", NOW)).isInstanceOf(IllegalTransitionException.class);
        }

        @Test
        void anApologyHasNoMonetaryValue() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RemedyMother.proposed(RemedyType.APOLOGY, 100, Authority.AUTOMATIC));
        }

        @Test
        void theProposalEventCarriesMoneyAsMinorUnitsAndCurrency() {
            var remedy = RemedyMother.proposed(RemedyType.FEE_WAIVER, 1500, Authority.AUTOMATIC);

            var proposal = remedy.proposal(3);

            assertThat(proposal.amountMinorUnits()).isEqualTo(1500);
            assertThat(proposal.currency()).isEqualTo("EUR");
            assertThat(proposal.remedyType()).isEqualTo("FEE_WAIVER");
            assertThat(proposal.origin()).isEqualTo("AGENT");
            assertThat(proposal.policyVersion())
                    .as("agents' proposals come from no policy")
                    .isZero();
        }
    }
}
