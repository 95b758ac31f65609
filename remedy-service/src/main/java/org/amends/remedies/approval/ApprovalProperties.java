package org.amends.remedies.approval;

import java.util.Currency;
import java.util.Map;
import org.amends.remedies.model.ApprovalLimits;
import org.amends.remedies.model.Money;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Approval limits and budgets ({@code amends.remedies.approval.*}), all in minor units of {@code currency}.
 *
 * @param currency the currency limits and budgets are set in (remedies in another currency need an admin)
 * @param agentLimit remedies strictly below it are approved automatically
 * @param supervisorLimit remedies up to it need a supervisor; above it, an admin
 * @param defaultMonthlyBudget each error kind's monthly budget unless {@code monthlyBudgets} names it
 * @param monthlyBudgets monthly budget per error kind, e.g. {@code CALCULATION: 5000000}
 */
@ConfigurationProperties("amends.remedies.approval")
public record ApprovalProperties(
        @DefaultValue("EUR") Currency currency,
        @DefaultValue("2000") long agentLimit,
        @DefaultValue("20000") long supervisorLimit,
        @DefaultValue("1000000") long defaultMonthlyBudget,
        @DefaultValue Map<String, Long> monthlyBudgets) {

    public ApprovalLimits limits() {
        return new ApprovalLimits(new Money(agentLimit, currency), new Money(supervisorLimit, currency));
    }

    public Money monthlyBudget(String errorKind) {
        return new Money(monthlyBudgets.getOrDefault(errorKind, defaultMonthlyBudget), currency);
    }
}
