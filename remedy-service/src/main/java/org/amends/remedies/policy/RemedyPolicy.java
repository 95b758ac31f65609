package org.amends.remedies.policy;

import java.time.Instant;
import java.util.List;

/** One version of the policy catalogue. */
public record RemedyPolicy(int version, String createdBy, Instant createdAt, List<PolicyRule> rules) {

    public RemedyPolicy {
        rules = List.copyOf(rules);
    }

    /** The rules that apply to a case of this error kind and severity. */
    public List<PolicyRule> suggestionsFor(String errorKind, String severity) {
        return rules.stream()
                .filter(rule ->
                        rule.errorKind().equals(errorKind) && rule.severity().equals(severity))
                .toList();
    }
}
