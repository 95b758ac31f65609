package org.amends.remedies.incidents;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.amends.remedies.approval.Budgets;
import org.amends.remedies.model.IllegalTransitionException;
import org.amends.remedies.security.Party;
import org.amends.remedies.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An incident's remedy rule from setting to approval: a supervisor sets it, anyone on staff previews its cost against
 * this month's budgets, an admin approves it once for every linked case; {@link BulkRemedyWorker} then applies it.
 */
@Service
class BulkRemedies {

    @Schema(
            name = "RemedyRulePreview",
            description = "What the rule costs for the linked cases still without its remedy.")
    record Preview(
            RemedyRule rule,
            long linkedCases,
            long remediesCreated,
            long skipped,
            long pendingCases,

            @Schema(description = "Pending cases the rule gives nothing: the amount concerned was not given.")
            long withoutAmount,

            List<Total> totals,
            List<BudgetCheck> budgets,
            boolean fitsBudgets) {}

    @Schema(name = "RemedyRuleTotal", description = "The total cost in one currency.")
    record Total(String currency, long cases, long totalMinorUnits) {}

    @Schema(
            name = "RemedyRuleBudgetCheck",
            description = "How the cost meets one error kind's budget this month (in the limits' currency).")
    record BudgetCheck(
            String errorKind,
            String currency,
            long monthlyBudgetMinorUnits,
            long usedMinorUnits,
            long ruleMinorUnits,
            long remainingAfterMinorUnits,
            boolean fits) {}

    private final IncidentRemedyRules rules;
    private final Budgets budgets;
    private final Clock clock;

    BulkRemedies(IncidentRemedyRules rules, Budgets budgets, Clock clock) {
        this.rules = rules;
        this.budgets = budgets;
        this.clock = clock;
    }

    /** Sets (or replaces) the rule; an approved rule changes no more (409). */
    @Transactional
    RemedyRule set(RemedyRule rule) {
        if (!rules.put(rule)) {
            throw new IllegalTransitionException("the incident's remedy rule is approved; it changes no more");
        }
        return rule;
    }

    @Transactional(readOnly = true)
    RemedyRule rule(UUID incidentId) {
        return rules.find(incidentId).orElseThrow(() -> new NotFoundException("This incident has no remedy rule."));
    }

    @Transactional(readOnly = true)
    /** The rules an admin has yet to approve, oldest first, at most {@code limit}. */
    List<RemedyRule> awaitingApproval(int limit) {
        return rules.awaitingApproval(limit);
    }

    Preview preview(UUID incidentId) {
        return preview(rule(incidentId));
    }

    private Preview preview(RemedyRule rule) {
        var totals = new LinkedHashMap<String, long[]>();
        var byKind = new LinkedHashMap<String, Long>();
        long pending = 0;
        long withoutAmount = 0;
        for (var group : rules.pendingGroups(rule.incidentId())) {
            pending += group.cases();
            String currency;
            long amount;
            if (rule.basis() == RemedyRule.Basis.FIXED) {
                currency = java.util.Objects.requireNonNull(rule.currency());
                amount = group.cases() * java.util.Objects.requireNonNull(rule.amountMinorUnits());
            } else if (group.currency() == null) {
                withoutAmount += group.cases();
                continue;
            } else {
                currency = group.currency();
                amount = group.amountMinorUnits();
            }
            var total = totals.computeIfAbsent(currency, c -> new long[2]);
            total[0] += group.cases();
            total[1] += amount;
            var standing = budgets.standing(group.errorKind());
            if (standing.budget().currencyCode().equals(currency)) {
                byKind.merge(group.errorKind(), amount, Long::sum);
            }
        }
        var checks = new ArrayList<BudgetCheck>();
        byKind.forEach((kind, amount) -> {
            var standing = budgets.standing(kind);
            var remaining = standing.budget().minorUnits() - standing.used().minorUnits() - amount;
            checks.add(new BudgetCheck(
                    kind,
                    standing.budget().currencyCode(),
                    standing.budget().minorUnits(),
                    standing.used().minorUnits(),
                    amount,
                    remaining,
                    remaining >= 0));
        });
        var counts = rules.counts(rule.incidentId());
        return new Preview(
                rule,
                counts[0],
                counts[1],
                counts[2],
                pending,
                withoutAmount,
                totals.entrySet().stream()
                        .map(e -> new Total(e.getKey(), e.getValue()[0], e.getValue()[1]))
                        .toList(),
                checks,
                checks.stream().allMatch(BudgetCheck::fits));
    }

    /**
     * One admin approval for the whole incident. A cost over what remains of a budget is refused (409) unless the
     * admin says {@code overBudget}; approving again changes nothing.
     */
    @Transactional
    RemedyRule approve(UUID incidentId, Party admin, boolean overBudget) {
        var rule = rules.lock(incidentId).orElseThrow(() -> new NotFoundException("This incident has no remedy rule."));
        if (rule.approved()) {
            return rule;
        }
        var preview = preview(rule);
        if (!preview.fitsBudgets() && !overBudget) {
            var over = preview.budgets().stream()
                    .filter(b -> !b.fits())
                    .map(b -> b.errorKind() + " by " + -b.remainingAfterMinorUnits() + " " + b.currency())
                    .toList();
            throw new IllegalTransitionException("the rule goes over this month's budget (" + String.join(", ", over)
                    + " minor units); approve with overBudget true to go over it");
        }
        rules.approve(incidentId, admin.id(), clock.instant());
        return rules.find(incidentId).orElseThrow();
    }
}
