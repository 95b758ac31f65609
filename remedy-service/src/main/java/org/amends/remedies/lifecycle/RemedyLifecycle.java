package org.amends.remedies.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amends.contracts.EventType;
import org.amends.contracts.remedies.RemedyEvents;
import org.amends.messaging.TimeOrderedIds;
import org.amends.messaging.outbox.Outbox;
import org.amends.remedies.approval.Budgets;
import org.amends.remedies.cases.CaseFacts;
import org.amends.remedies.cases.Cases;
import org.amends.remedies.fulfilment.ledger.CreditLedger;
import org.amends.remedies.fulfilment.webhook.PartnerWebhooks;
import org.amends.remedies.model.Authority;
import org.amends.remedies.model.Channel;
import org.amends.remedies.model.IllegalTransitionException;
import org.amends.remedies.model.Money;
import org.amends.remedies.model.Remedy;
import org.amends.remedies.model.RemedyState;
import org.amends.remedies.model.RemedyType;
import org.amends.remedies.policy.PolicyRule;
import org.amends.remedies.policy.RemedyPolicies;
import org.amends.remedies.security.Party;
import org.amends.remedies.web.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs each step of a remedy's lifecycle: loads and locks the remedy, lets the aggregate decide, stores it and its
 * event in one transaction. Approval assesses the limits and the error kind's budget at the moment of approval;
 * approved remedies are offered at once; acceptance starts fulfilment through the remedy type's channel.
 */
@Component
public class RemedyLifecycle {

    private final Remedies remedies;
    private final Cases cases;
    private final RemedyPolicies policies;
    private final Budgets budgets;
    private final CreditLedger ledger;
    private final PartnerWebhooks webhooks;
    private final Outbox outbox;
    private final RemedyMetrics metrics;
    private final Clock clock;

    RemedyLifecycle(
            Remedies remedies,
            Cases cases,
            RemedyPolicies policies,
            Budgets budgets,
            CreditLedger ledger,
            PartnerWebhooks webhooks,
            Outbox outbox,
            RemedyMetrics metrics,
            Clock clock) {
        this.remedies = remedies;
        this.cases = cases;
        this.policies = policies;
        this.budgets = budgets;
        this.ledger = ledger;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Proposes what the policy in force suggests for each newly opened case, in order (the policy read once for all of
     * them, the budget rows they draw on locked first, in one order); small remedies go straight to the offer.
     */
    @Transactional
    public void proposeFromPolicy(List<CaseFacts> opened) {
        if (opened.isEmpty()) {
            return;
        }
        var policy = policies.current();
        // Each case's suggestions in order, worked out once: for the budget locks, then for the proposals.
        record Suggested(CaseFacts facts, PolicyRule rule) {}
        var suggested = opened.stream()
                .flatMap(facts -> policy.suggestionsFor(facts.errorKind(), facts.severity()).stream()
                        .map(rule -> new Suggested(facts, rule)))
                .toList();
        budgets.lockAll(suggested.stream()
                .map(s -> new Budgets.Of(
                        s.facts().errorKind(), s.rule().suggested().currencyCode()))
                .toList());
        for (var s : suggested) {
            propose(
                    s.facts(),
                    s.rule().remedyType(),
                    s.rule().suggested(),
                    Remedy.Origin.POLICY,
                    "remedy-policy",
                    policy.version());
        }
    }

    /** An agent proposes a remedy for a case this service knows. */
    @Transactional
    public Remedy proposeByAgent(UUID caseId, RemedyType type, Money amount, Party agent) {
        var facts = cases.find(caseId).orElseThrow(() -> new NotFoundException("No such case."));
        return propose(facts, type, amount, Remedy.Origin.AGENT, agent.id(), 0);
    }

    private Remedy propose(
            CaseFacts facts, RemedyType type, Money amount, Remedy.Origin origin, String by, int policyVersion) {
        var now = clock.instant();
        var remedy = proposed(facts, type, amount, origin, by, policyVersion, now);
        if (remedy.approvesItself()) {
            record(remedy, RemedyEvents.APPROVED, remedy.approveAutomatically(now));
            approved(remedy, true);
        }
        remedies.add(remedy);
        return remedy;
    }

    /**
     * A new remedy for the case, its {@code remedy.proposed} recorded. The approval it needs is assessed with the month's
     * budget row locked, so a remedy that approves itself is approved on the same reading. Approval and storing it are
     * the caller's, so that the row is written once, as the proposal and what followed it in the same transaction left
     * it.
     */
    private Remedy proposed(
            CaseFacts facts,
            RemedyType type,
            Money amount,
            Remedy.Origin origin,
            String by,
            int policyVersion,
            Instant now) {
        var remedy = Remedy.propose(
                TimeOrderedIds.next(),
                facts.caseId(),
                facts.customerId(),
                facts.errorKind(),
                type,
                amount,
                origin,
                by,
                budgets.requiredApproval(facts.errorKind(), amount),
                now);
        record(remedy, RemedyEvents.PROPOSED, remedy.proposal(policyVersion));
        return remedy;
    }

    /**
     * Proposes a remedy that an admin already approved for a whole incident ({@code approver} at {@code approvedAt}):
     * proposed by {@code proposedBy} (who set the incident's rule), approved with the admin's authority whatever its
     * size and the budget (the admin saw the total against the budgets), counted against the budget and offered, in
     * the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Remedy proposeApprovedForIncident(
            CaseFacts facts, RemedyType type, Money amount, String proposedBy, String approver) {
        var now = clock.instant();
        var remedy = proposed(facts, type, amount, Remedy.Origin.AGENT, proposedBy, 0, now);
        record(
                remedy,
                RemedyEvents.APPROVED,
                remedy.approveBy(approver, Authority.ADMIN, remedy.requiredApproval(), now));
        approved(remedy, false);
        remedies.add(remedy);
        return remedy;
    }

    /** Approves a remedy if the caller's authority covers what it needs now (limits and budget); else 403. */
    @Transactional
    public Remedy approve(UUID id, Party approver) {
        var remedy = locked(id);
        var required = remedy.state() == RemedyState.PROPOSED
                ? budgets.requiredApproval(remedy.errorKind(), remedy.amount())
                : remedy.requiredApproval();
        var now = clock.instant();
        record(
                remedy,
                RemedyEvents.APPROVED,
                remedy.approveBy(approver.id(), approver.approvalAuthority(), required, now));
        metrics.approvalWaited(remedy, Duration.between(remedy.proposedAt(), now));
        approved(remedy, false);
        remedies.update(remedy);
        return remedy;
    }

    private void approved(Remedy remedy, boolean automatic) {
        budgets.spend(remedy.errorKind(), remedy.amount());
        metrics.approved(remedy, automatic);
        record(remedy, RemedyEvents.OFFERED, remedy.offer(clock.instant()));
    }

    /** Rejects a proposed remedy with a reason; only someone who could approve it may. */
    @Transactional
    public Remedy reject(UUID id, Party rejecter, String reason) {
        var remedy = locked(id);
        record(
                remedy,
                RemedyEvents.REJECTED,
                remedy.reject(rejecter.id(), rejecter.approvalAuthority(), reason, clock.instant()));
        remedies.update(remedy);
        return remedy;
    }

    /** The customer accepts the offer ({@code by} is {@code customer} or the agent on their behalf); fulfilment starts. */
    @Transactional
    public Remedy accept(UUID id, String by) {
        var remedy = locked(id);
        record(remedy, RemedyEvents.ACCEPTED, remedy.accept(by, clock.instant()));
        startFulfilment(remedy);
        remedies.update(remedy);
        return remedy;
    }

    /** The customer declines the offer. */
    @Transactional
    public Remedy decline(UUID id, String by) {
        var remedy = locked(id);
        record(remedy, RemedyEvents.DECLINED, remedy.decline(by, clock.instant()));
        remedies.update(remedy);
        return remedy;
    }

    private void startFulfilment(Remedy remedy) {
        var now = clock.instant();
        switch (remedy.type().channel()) {
            case LEDGER -> {
                record(remedy, RemedyEvents.FULFILLING, remedy.startFulfilment(CreditLedger.FULFILLER, now));
                var reference = remedy.amount().isZero()
                        ? "nothing-to-credit"
                        : ledger.credit(
                                        remedy.id(),
                                        remedy.customerId(),
                                        remedy.amount(),
                                        remedy.type().name())
                                .toString();
                record(remedy, RemedyEvents.FULFILLED, remedy.fulfil(reference, now));
            }
            case DIRECT -> {
                record(remedy, RemedyEvents.FULFILLING, remedy.startFulfilment("support", now));
                // The apology was made by acknowledging the mistake; the rest needs support to act and confirm.
                if (remedy.type() == RemedyType.APOLOGY) {
                    record(remedy, RemedyEvents.FULFILLED, remedy.fulfil("apology", now));
                }
            }
            case PARTNER -> {
                var submitter =
                        cases.find(remedy.caseId()).map(CaseFacts::partner).orElse(null);
                var partner = webhooks.dispatch(remedy, submitter);
                record(remedy, RemedyEvents.FULFILLING, remedy.startFulfilment(partner.orElse("unassigned"), now));
                if (partner.isEmpty()) {
                    record(
                            remedy,
                            RemedyEvents.FAILED,
                            remedy.fail("no partner has a webhook for " + remedy.type() + " remedies", now));
                }
            }
        }
    }

    /** Support delivered a remedy of the direct channel (an expedited service, a goodwill gesture). */
    @Transactional
    public Remedy confirmDirectFulfilment(UUID id, String reference) {
        var remedy = locked(id);
        if (remedy.type().channel() != Channel.DIRECT) {
            throw new IllegalTransitionException(
                    "a " + remedy.type() + " remedy is fulfilled by its channel, not by hand");
        }
        record(remedy, RemedyEvents.FULFILLED, remedy.fulfil(reference, clock.instant()));
        remedies.update(remedy);
        return remedy;
    }

    /**
     * The partner confirmed delivery. Idempotent: confirming a remedy that is already fulfilled changes nothing.
     * Only the partner the fulfilment was asked of may confirm it; for anyone else it does not exist.
     */
    @Transactional
    public Remedy confirmByPartner(UUID id, String partner, String reference) {
        var remedy = locked(id);
        if (!partner.equals(remedy.fulfiller()) || remedy.type().channel() != Channel.PARTNER) {
            throw new NotFoundException("No such fulfilment.");
        }
        if (remedy.state() == RemedyState.FULFILLED) {
            return remedy;
        }
        record(remedy, RemedyEvents.FULFILLED, remedy.fulfil(reference, clock.instant()));
        remedies.update(remedy);
        return remedy;
    }

    /**
     * Fulfilment failed for good (the partner's webhook retries are exhausted); the case needs a supervisor. A remedy
     * that is no longer being fulfilled (the partner confirmed meanwhile) stays as it is.
     */
    @Transactional
    public Remedy failFulfilment(UUID id, String reason) {
        var remedy = locked(id);
        if (remedy.state() != RemedyState.FULFILLING) {
            return remedy;
        }
        record(remedy, RemedyEvents.FAILED, remedy.fail(reason, clock.instant()));
        remedies.update(remedy);
        return remedy;
    }

    private Remedy locked(UUID id) {
        return remedies.lock(id).orElseThrow(() -> new NotFoundException("No such remedy."));
    }

    private <T> void record(Remedy remedy, EventType<T> type, T event) {
        outbox.add(type, remedy.caseId(), clock.instant(), event);
        // amends.remedy.<outcome>.v1; counted once the transaction commits, so a rolled-back step is not counted.
        var key = type.routingKey();
        var outcome = key.substring(key.indexOf('.') + 1, key.lastIndexOf('.'));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                metrics.stepped(remedy, outcome);
            }
        });
    }
}
