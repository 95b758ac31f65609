package org.amends.remedies.incidents;

import java.time.Clock;
import org.amends.remedies.lifecycle.RemedyLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies approved remedy rules: in batches, one transaction each, it claims an approved rule that some linked case
 * still lacks the remedy of ({@code FOR UPDATE SKIP LOCKED}: the row lock is the batch's lease, so instances share
 * the work and a killed one loses only its uncommitted batch), and gives each such case one remedy, approved by the
 * rule's approval and offered. {@code incident_remedies}' primary key makes it one per case, whatever is redelivered
 * or approved again; a case linked after the approval is served on a later round.
 */
@Component
class BulkRemedyWorker {

    private static final Logger log = LoggerFactory.getLogger(BulkRemedyWorker.class);

    private final IncidentRemedyRules rules;
    private final RemedyLifecycle lifecycle;
    private final TransactionTemplate transactions;
    private final BulkRemedyProperties properties;
    private final Clock clock;

    BulkRemedyWorker(
            IncidentRemedyRules rules,
            RemedyLifecycle lifecycle,
            TransactionTemplate transactions,
            BulkRemedyProperties properties,
            Clock clock) {
        this.rules = rules;
        this.lifecycle = lifecycle;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${amends.remedies.bulk.poll-interval:2s}", initialDelay = 1000)
    void run() {
        try {
            while (Boolean.TRUE.equals(transactions.execute(status -> batch()))) {
                // next batch, in its own transaction
            }
        } catch (RuntimeException e) {
            log.warn("bulk remedy batch failed; retried on the next round", e);
        }
    }

    /** Serves one batch; true when there may be more to do now. */
    boolean batch() {
        var claimed = rules.claimApprovedWithWork();
        if (claimed.isEmpty()) {
            return false;
        }
        var rule = claimed.get();
        var pending = rules.pendingCases(rule.incidentId(), properties.batchSize());
        for (var aCase : pending) {
            var amount = rule.amountFor(aCase.amountMinorUnits(), aCase.currency());
            var now = clock.instant();
            if (amount == null) {
                rules.claimCase(rule.incidentId(), aCase.facts().caseId(), null, "no amount concerned given", now);
                continue;
            }
            var remedy = lifecycle.proposeApprovedForIncident(
                    aCase.facts(),
                    rule.type(),
                    amount,
                    rule.setBy(),
                    java.util.Objects.requireNonNull(rule.approvedBy()));
            if (!rules.claimCase(rule.incidentId(), aCase.facts().caseId(), remedy.id(), null, now)) {
                // Cannot happen while the rule row is locked; if it did, roll the batch back rather than give twice.
                throw new IllegalStateException("case " + aCase.facts().caseId() + " was served twice");
            }
        }
        log.info("bulk remedy: {} case(s) served for incident {}", pending.size(), rule.incidentId());
        return true;
    }
}
