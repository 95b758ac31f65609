package org.amends.cases.triage;

import java.util.ArrayList;
import org.amends.cases.lifecycle.model.Channel;
import org.amends.cases.lifecycle.model.Complaint;
import org.amends.cases.lifecycle.model.Customer;
import org.amends.cases.lifecycle.model.Severity;
import org.amends.cases.lifecycle.model.Triage;

/**
 * Decides a new case's severity and sentiment. Severity starts at the reported impact and is raised one level for a
 * social mention, one for an audience of 10,000 or more (two from 100,000), and one for a very negative text
 * (sentiment ≤ -0.6), never above CRITICAL: a public, angry customer with reach is the costliest mistake to ignore.
 */
public final class CaseTriage {

    static final long LARGE_AUDIENCE = 10_000;
    static final long HUGE_AUDIENCE = 100_000;
    static final double VERY_NEGATIVE = -0.6;

    private final SentimentLexicon lexicon = new SentimentLexicon();

    public Triage assess(Channel channel, Customer customer, Complaint complaint) {
        var reasons = new ArrayList<String>();
        var estimate = lexicon.estimate(complaint.summary() + " " + complaint.description());
        int raise = 0;
        reasons.add("impact " + complaint.impact());
        if (channel == Channel.SOCIAL) {
            raise++;
            reasons.add("social mention: +1");
        }
        var audience = customer.audienceSize();
        if (audience != null && audience >= HUGE_AUDIENCE) {
            raise += 2;
            reasons.add("audience " + audience + " ≥ " + HUGE_AUDIENCE + ": +2");
        } else if (audience != null && audience >= LARGE_AUDIENCE) {
            raise++;
            reasons.add("audience " + audience + " ≥ " + LARGE_AUDIENCE + ": +1");
        }
        if (estimate.score() <= VERY_NEGATIVE) {
            raise++;
            reasons.add("very negative sentiment " + estimate.score() + ": +1");
        }
        if (!estimate.negative().isEmpty()) {
            reasons.add("negative words: " + String.join(", ", estimate.negative()));
        }
        if (!estimate.positive().isEmpty()) {
            reasons.add("positive words: " + String.join(", ", estimate.positive()));
        }
        if (!estimate.negated().isEmpty()) {
            reasons.add("negated words: " + String.join(", ", estimate.negated()));
        }
        var severity = Severity.valueOf(complaint.impact().name()).raisedBy(raise);
        return new Triage(severity, estimate.score(), reasons);
    }
}
