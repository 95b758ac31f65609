package org.amends.remedies.model;

/**
 * Who must approve a remedy: below the agent limit it approves itself, up to the supervisor limit a supervisor
 * approves, above it an admin does. A remedy that would take its error kind over the month's budget, or that is in a
 * currency the limits are not set in, needs an admin whatever its size.
 *
 * @param agentLimit remedies strictly below this are approved automatically
 * @param supervisorLimit remedies up to and including this need a supervisor
 */
public record ApprovalLimits(Money agentLimit, Money supervisorLimit) {

    public ApprovalLimits {
        if (agentLimit.isGreaterThan(supervisorLimit)) {
            throw new IllegalArgumentException("the agent limit is above the supervisor limit");
        }
    }

    /** The authority the remedy needs, given what its error kind has already used of this month's budget. */
    public Authority required(Money amount, Money usedThisMonth, Money monthlyBudget) {
        if (amount.isZero()) {
            return Authority.AUTOMATIC;
        }
        if (!amount.isSameCurrencyAs(agentLimit)
                || !amount.isSameCurrencyAs(monthlyBudget)
                || usedThisMonth.plus(amount).isGreaterThan(monthlyBudget)) {
            return Authority.ADMIN;
        }
        if (amount.compareTo(agentLimit) < 0) {
            return Authority.AUTOMATIC;
        }
        return supervisorLimit.isGreaterThan(amount) || supervisorLimit.equals(amount)
                ? Authority.SUPERVISOR
                : Authority.ADMIN;
    }
}
