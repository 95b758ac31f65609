package org.amends.remedies.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.amends.contracts.remedies.RemedyAccepted;
import org.amends.contracts.remedies.RemedyApproved;
import org.amends.contracts.remedies.RemedyDeclined;
import org.amends.contracts.remedies.RemedyFailed;
import org.amends.contracts.remedies.RemedyFulfilled;
import org.amends.contracts.remedies.RemedyFulfilling;
import org.amends.contracts.remedies.RemedyOffered;
import org.amends.contracts.remedies.RemedyProposed;
import org.amends.contracts.remedies.RemedyRejected;
import org.jspecify.annotations.Nullable;

/**
 * One remedy for one case: what it is, what it is worth, who must approve it and where it is in its lifecycle. Each
 * intention-named method guards its step and returns the event it causes; an illegal step throws
 * {@link IllegalTransitionException}, an approval above the caller's limit {@link ApprovalLimitExceededException}.
 */
public final class Remedy {

    /** Who approves a remedy that is approved automatically. */
    public static final String AUTOMATIC_APPROVER = "remedy-policy";

    private final UUID id;
    private final UUID caseId;
    private final UUID customerId;
    private final String errorKind;
    private final RemedyType type;
    private final Money amount;
    private final Origin origin;
    private final String proposedBy;
    private final Instant proposedAt;
    private final long version;
    private Authority requiredApproval;
    private RemedyState state;
    private @Nullable String fulfiller;

    /** Who suggested it: the policy catalogue or an agent. */
    public enum Origin {
        POLICY,
        AGENT
    }

    private Remedy(
            UUID id,
            UUID caseId,
            UUID customerId,
            String errorKind,
            RemedyType type,
            Money amount,
            Origin origin,
            String proposedBy,
            Instant proposedAt,
            Authority requiredApproval,
            RemedyState state,
            @Nullable String fulfiller,
            long version) {
        this.id = Objects.requireNonNull(id);
        this.caseId = Objects.requireNonNull(caseId);
        this.customerId = Objects.requireNonNull(customerId);
        this.errorKind = Objects.requireNonNull(errorKind);
        this.type = Objects.requireNonNull(type);
        this.amount = Objects.requireNonNull(amount);
        this.origin = Objects.requireNonNull(origin);
        this.proposedBy = Objects.requireNonNull(proposedBy);
        this.proposedAt = Objects.requireNonNull(proposedAt);
        this.requiredApproval = Objects.requireNonNull(requiredApproval);
        this.state = Objects.requireNonNull(state);
        this.fulfiller = fulfiller;
        this.version = version;
        if (type == RemedyType.APOLOGY && !amount.isZero()) {
            throw new IllegalArgumentException("an apology has no monetary value");
        }
    }

    /** A new remedy, proposed; {@link #proposal(int)} is the event that announces it. */
    public static Remedy propose(
            UUID id,
            UUID caseId,
            UUID customerId,
            String errorKind,
            RemedyType type,
            Money amount,
            Origin origin,
            String proposedBy,
            Authority requiredApproval,
            Instant now) {
        return new Remedy(
                id,
                caseId,
                customerId,
                errorKind,
                type,
                amount,
                origin,
                proposedBy,
                now,
                requiredApproval,
                RemedyState.PROPOSED,
                null,
                0);
    }

    /** A remedy as it was stored. */
    public static Remedy restore(
            UUID id,
            UUID caseId,
            UUID customerId,
            String errorKind,
            RemedyType type,
            Money amount,
            Origin origin,
            String proposedBy,
            Instant proposedAt,
            Authority requiredApproval,
            RemedyState state,
            @Nullable String fulfiller,
            long version) {
        return new Remedy(
                id,
                caseId,
                customerId,
                errorKind,
                type,
                amount,
                origin,
                proposedBy,
                proposedAt,
                requiredApproval,
                state,
                fulfiller,
                version);
    }

    public RemedyProposed proposal(int policyVersion) {
        return new RemedyProposed(
                id,
                caseId,
                customerId,
                type.name(),
                amount.minorUnits(),
                amount.currencyCode(),
                origin.name(),
                origin == Origin.POLICY ? policyVersion : 0,
                proposedBy,
                requiredApproval.name(),
                proposedAt);
    }

    /** Whether it can be approved without anyone looking at it. */
    public boolean approvesItself() {
        return state == RemedyState.PROPOSED && requiredApproval == Authority.AUTOMATIC;
    }

    /** Approves it without a person, as the approval limits allow for small remedies. */
    public RemedyApproved approveAutomatically(Instant now) {
        if (requiredApproval != Authority.AUTOMATIC) {
            throw new ApprovalLimitExceededException("this remedy needs " + requiredApproval + " approval");
        }
        return approve(AUTOMATIC_APPROVER, Authority.AUTOMATIC, true, now);
    }

    /**
     * Approves it by someone with the given authority. The required level is re-assessed just before (the budget
     * may have been used up since the proposal) and passed in as {@code currentlyRequired}.
     */
    public RemedyApproved approveBy(String approver, Authority authority, Authority currentlyRequired, Instant now) {
        requireState(RemedyState.PROPOSED, "approve");
        requiredApproval = currentlyRequired;
        return approve(approver, authority, false, now);
    }

    private RemedyApproved approve(String approver, Authority authority, boolean automatic, Instant now) {
        requireState(RemedyState.PROPOSED, "approve");
        if (!authority.covers(requiredApproval)) {
            throw new ApprovalLimitExceededException(
                    "approving " + amount + " needs " + requiredApproval + " approval; yours is " + authority);
        }
        state = RemedyState.APPROVED;
        return new RemedyApproved(
                id, caseId, type.name(), amount.minorUnits(), amount.currencyCode(), approver, automatic, now);
    }

    /** Rejects it with a reason; only someone who could have approved it may. */
    public RemedyRejected reject(String rejecter, Authority authority, String reason, Instant now) {
        requireState(RemedyState.PROPOSED, "reject");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a rejection carries a reason");
        }
        if (!authority.covers(requiredApproval)) {
            throw new ApprovalLimitExceededException(
                    "rejecting this remedy needs " + requiredApproval + " authority; yours is " + authority);
        }
        state = RemedyState.REJECTED;
        return new RemedyRejected(id, caseId, rejecter, reason.strip(), now);
    }

    /** Offers the approved remedy to the customer. */
    public RemedyOffered offer(Instant now) {
        requireState(RemedyState.APPROVED, "offer");
        state = RemedyState.OFFERED;
        return new RemedyOffered(id, caseId, customerId, type.name(), amount.minorUnits(), amount.currencyCode(), now);
    }

    /** The customer (or an agent on their behalf) accepts the offer. */
    public RemedyAccepted accept(String by, Instant now) {
        requireState(RemedyState.OFFERED, "accept");
        state = RemedyState.ACCEPTED;
        return new RemedyAccepted(id, caseId, by, now);
    }

    /** The customer (or an agent on their behalf) declines the offer. */
    public RemedyDeclined decline(String by, Instant now) {
        requireState(RemedyState.OFFERED, "decline");
        state = RemedyState.DECLINED;
        return new RemedyDeclined(id, caseId, by, now);
    }

    /** Hands the accepted remedy to its channel's fulfiller: {@code ledger}, a partner's client id, or support. */
    public RemedyFulfilling startFulfilment(String fulfiller, Instant now) {
        requireState(RemedyState.ACCEPTED, "start fulfilling");
        state = RemedyState.FULFILLING;
        this.fulfiller = fulfiller;
        return new RemedyFulfilling(id, caseId, type.channel().name(), fulfiller, now);
    }

    /** The fulfiller delivered it; {@code reference} is the ledger transaction or the partner's reference. */
    public RemedyFulfilled fulfil(String reference, Instant now) {
        requireState(RemedyState.FULFILLING, "fulfil");
        state = RemedyState.FULFILLED;
        return new RemedyFulfilled(id, caseId, type.channel().name(), fulfillerOrSupport(), reference, now);
    }

    /** Fulfilment failed for good; the case needs a supervisor. */
    public RemedyFailed fail(String reason, Instant now) {
        requireState(RemedyState.FULFILLING, "fail");
        state = RemedyState.FAILED;
        return new RemedyFailed(id, caseId, type.channel().name(), fulfillerOrSupport(), reason, now);
    }

    private String fulfillerOrSupport() {
        return fulfiller != null ? fulfiller : "support";
    }

    private void requireState(RemedyState expected, String step) {
        if (state != expected) {
            throw new IllegalTransitionException(
                    "cannot " + step + " a remedy that is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public UUID id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    public UUID customerId() {
        return customerId;
    }

    public String errorKind() {
        return errorKind;
    }

    public RemedyType type() {
        return type;
    }

    public Money amount() {
        return amount;
    }

    public Origin origin() {
        return origin;
    }

    public String proposedBy() {
        return proposedBy;
    }

    public Instant proposedAt() {
        return proposedAt;
    }

    public Authority requiredApproval() {
        return requiredApproval;
    }

    public RemedyState state() {
        return state;
    }

    public @Nullable String fulfiller() {
        return fulfiller;
    }

    /** The stored version this was read at, for optimistic locking. */
    public long version() {
        return version;
    }
}
