package org.amends.remedies.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApprovalLimitsTest {

    final ApprovalLimits limits = new ApprovalLimits(Money.of(2000, "EUR"), Money.of(20000, "EUR"));
    final Money nothingUsed = Money.of(0, "EUR");
    final Money budget = Money.of(100000, "EUR");

    @Test
    void belowTheAgentLimitARemedyApprovesItself() {
        assertThat(limits.required(Money.of(1999, "EUR"), nothingUsed, budget)).isEqualTo(Authority.AUTOMATIC);
        assertThat(limits.required(Money.of(0, "EUR"), nothingUsed, budget)).isEqualTo(Authority.AUTOMATIC);
    }

    @Test
    void fromTheAgentLimitUpToTheSupervisorLimitASupervisorApproves() {
        assertThat(limits.required(Money.of(2000, "EUR"), nothingUsed, budget)).isEqualTo(Authority.SUPERVISOR);
        assertThat(limits.required(Money.of(20000, "EUR"), nothingUsed, budget)).isEqualTo(Authority.SUPERVISOR);
    }

    @Test
    void aboveTheSupervisorLimitAnAdminApproves() {
        assertThat(limits.required(Money.of(20001, "EUR"), nothingUsed, budget)).isEqualTo(Authority.ADMIN);
    }

    @Test
    void aRemedyThatWouldExceedTheMonthlyBudgetNeedsAnAdminHoweverSmall() {
        assertThat(limits.required(Money.of(100, "EUR"), Money.of(99950, "EUR"), budget))
                .isEqualTo(Authority.ADMIN);
        assertThat(limits.required(Money.of(50, "EUR"), Money.of(99950, "EUR"), budget))
                .isEqualTo(Authority.AUTOMATIC);
    }

    @Test
    void aRemedyInAnotherCurrencyThanTheLimitsNeedsAnAdmin() {
        assertThat(limits.required(Money.of(100, "USD"), Money.of(0, "USD"), budget))
                .isEqualTo(Authority.ADMIN);
    }

    @Test
    void rolesGiveTheirAuthority() {
        assertThat(Authority.of(java.util.Set.of("agent"))).isEqualTo(Authority.AUTOMATIC);
        assertThat(Authority.of(java.util.Set.of("agent", "supervisor"))).isEqualTo(Authority.SUPERVISOR);
        assertThat(Authority.of(java.util.Set.of("admin"))).isEqualTo(Authority.ADMIN);
        assertThat(Authority.ADMIN.covers(Authority.SUPERVISOR)).isTrue();
        assertThat(Authority.SUPERVISOR.covers(Authority.ADMIN)).isFalse();
    }
}
