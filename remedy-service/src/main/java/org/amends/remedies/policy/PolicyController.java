package org.amends.remedies.policy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.amends.remedies.model.Money;
import org.amends.remedies.model.RemedyType;
import org.amends.remedies.security.Party;
import org.amends.web.InvalidRequestException;
import org.amends.web.InvalidRequestException.FieldViolation;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reads the policy catalogue in force and lets an admin replace it with a new version. */
@Tag(name = "policy")
@RestController
@RequestMapping("/api/remedies/policies")
class PolicyController {

    static final Set<String> ERROR_KINDS =
            Set.of("CONCEPT", "CALCULATION", "MEASUREMENT", "APPRECIATION", "EXECUTION", "COMMUNICATION", "OTHER");
    static final Set<String> SEVERITIES = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    record Rule(
            @Nullable String errorKind,
            @Nullable String severity,
            @Nullable String remedyType,
            @Nullable Long minMinorUnits,
            @Nullable Long maxMinorUnits,
            @Nullable Long suggestedMinorUnits,
            @Nullable String currency) {}

    record PolicyDocument(int version, String createdBy, Instant createdAt, List<Rule> rules) {}

    record Replacement(@Nullable List<Rule> rules) {}

    private final RemedyPolicies policies;

    PolicyController(RemedyPolicies policies) {
        this.policies = policies;
    }

    @GetMapping
    @Operation(operationId = "getPolicy", summary = "Read the remedy policy", description = """
                    The policy catalogue in force: per kind of mistake and severity, the remedy types to suggest \
                    with their minimum, suggested and maximum amounts.""")
    @ApiResponse(responseCode = "200", description = "The policy in force.")
    PolicyDocument current() {
        return document(policies.current());
    }

    @PutMapping
    @Operation(operationId = "replacePolicy", summary = "Publish a new policy version", description = """
                    Replaces the catalogue with a new version (the old ones are kept); cases opened afterwards get \
                    suggestions from it. Every rule is checked at once: known kind, severity and remedy type, `min \
                    <= suggested <= max` in one currency, no remedy type twice for the same kind and severity.""")
    @ApiResponse(responseCode = "200", description = "The new version, now in force.")
    PolicyDocument replace(@RequestBody Replacement replacement, Authentication authentication) {
        return document(
                policies.replace(rules(replacement), Party.of(authentication).id()));
    }

    private static List<PolicyRule> rules(Replacement replacement) {
        var violations = new ArrayList<FieldViolation>();
        var rules = new ArrayList<PolicyRule>();
        if (replacement.rules() == null || replacement.rules().isEmpty()) {
            throw InvalidRequestException.of("rules", "must list at least one rule", null);
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < replacement.rules().size(); i++) {
            var rule = replacement.rules().get(i);
            var at = "rules." + i + ".";
            int before = violations.size();
            if (rule.errorKind() == null || !ERROR_KINDS.contains(rule.errorKind())) {
                violations.add(new FieldViolation(at + "errorKind", "must be one of " + ERROR_KINDS, rule.errorKind()));
            }
            if (rule.severity() == null || !SEVERITIES.contains(rule.severity())) {
                violations.add(new FieldViolation(at + "severity", "must be one of " + SEVERITIES, rule.severity()));
            }
            RemedyType type = null;
            try {
                type = rule.remedyType() == null ? null : RemedyType.valueOf(rule.remedyType());
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (type == null) {
                violations.add(new FieldViolation(at + "remedyType", "is not a remedy type", rule.remedyType()));
            }
            Money min = null;
            Money max = null;
            Money suggested = null;
            try {
                if (rule.minMinorUnits() == null
                        || rule.maxMinorUnits() == null
                        || rule.suggestedMinorUnits() == null
                        || rule.currency() == null) {
                    throw new IllegalArgumentException("min, max, suggested and currency are required");
                }
                min = Money.of(rule.minMinorUnits(), rule.currency());
                max = Money.of(rule.maxMinorUnits(), rule.currency());
                suggested = Money.of(rule.suggestedMinorUnits(), rule.currency());
                if (min.isGreaterThan(suggested) || suggested.isGreaterThan(max)) {
                    throw new IllegalArgumentException("must hold min <= suggested <= max");
                }
            } catch (IllegalArgumentException e) {
                violations.add(
                        new FieldViolation(at + "suggestedMinorUnits", e.getMessage(), rule.suggestedMinorUnits()));
            }
            if (violations.size() == before
                    && !seen.add(rule.errorKind() + "/" + rule.severity() + "/" + rule.remedyType())) {
                violations.add(new FieldViolation(
                        at + "remedyType", "is listed twice for this kind and severity", rule.remedyType()));
            }
            if (violations.size() == before && type != null && min != null && max != null && suggested != null) {
                rules.add(new PolicyRule(rule.errorKind(), rule.severity(), type, min, max, suggested));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return rules;
    }

    private static PolicyDocument document(RemedyPolicy policy) {
        return new PolicyDocument(
                policy.version(),
                policy.createdBy(),
                policy.createdAt(),
                policy.rules().stream()
                        .map(rule -> new Rule(
                                rule.errorKind(),
                                rule.severity(),
                                rule.remedyType().name(),
                                rule.min().minorUnits(),
                                rule.max().minorUnits(),
                                rule.suggested().minorUnits(),
                                rule.suggested().currencyCode()))
                        .toList());
    }
}
