package org.amends.cases.lifecycle.model;

import java.util.List;

/**
 * The outcome of triage on intake.
 *
 * @param sentiment from -1 (angry) to 1 (pleased)
 * @param reasons why the severity and sentiment came out as they did, in plain words
 */
public record Triage(Severity severity, double sentiment, List<String> reasons) {

    public Triage {
        reasons = List.copyOf(reasons);
    }
}
