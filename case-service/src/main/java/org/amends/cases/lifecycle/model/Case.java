package org.amends.cases.lifecycle.model;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.amends.contracts.cases.CaseAcknowledged;
import org.amends.contracts.cases.CaseClosed;
import org.amends.contracts.cases.CaseOpened;
import org.amends.contracts.cases.CaseReopened;
import org.amends.contracts.cases.CaseResolved;
import org.jspecify.annotations.Nullable;

/**
 * A customer's case about one mistake of ours: the aggregate that guards every lifecycle step and returns the event
 * each step causes. The version counts changes; the stored row is updated only if it still has the version read.
 */
public final class Case {

    private static final Set<CaseStatus> RESOLVABLE =
            EnumSet.of(CaseStatus.ACKNOWLEDGED, CaseStatus.INVESTIGATING, CaseStatus.REOPENED);
    private static final Set<CaseStatus> INVESTIGABLE = EnumSet.of(CaseStatus.ACKNOWLEDGED, CaseStatus.REOPENED);
    private static final Set<CaseStatus> REOPENABLE = EnumSet.of(CaseStatus.RESOLVED, CaseStatus.CLOSED);

    private final UUID id;
    private final String reference;
    private final Channel channel;
    private final Submitter submitter;
    private final Customer customer;
    private final UUID customerId;
    private final Complaint complaint;
    private final Triage triage;
    private final Instant createdAt;
    private final Instant acknowledgeDueAt;
    private final Instant resolveDueAt;
    private final @Nullable Instant acknowledgeBreachedAt;
    private final @Nullable Instant resolveBreachedAt;
    private final @Nullable Instant escalatedAt;
    private CaseStatus status;
    private Instant updatedAt;
    private @Nullable Instant acknowledgedAt;
    private @Nullable Instant resolvedAt;
    private @Nullable Instant closedAt;
    private @Nullable RootCause rootCause;
    private long version;

    private Case(Snapshot s) {
        this.id = s.id();
        this.reference = s.reference();
        this.channel = s.channel();
        this.submitter = s.submitter();
        this.customer = s.customer();
        this.customerId = s.customerId();
        this.complaint = s.complaint();
        this.triage = s.triage();
        this.createdAt = s.createdAt();
        this.acknowledgeDueAt = s.acknowledgeDueAt();
        this.resolveDueAt = s.resolveDueAt();
        this.acknowledgeBreachedAt = s.acknowledgeBreachedAt();
        this.resolveBreachedAt = s.resolveBreachedAt();
        this.escalatedAt = s.escalatedAt();
        this.status = s.status();
        this.updatedAt = s.updatedAt();
        this.acknowledgedAt = s.acknowledgedAt();
        this.resolvedAt = s.resolvedAt();
        this.closedAt = s.closedAt();
        this.rootCause = s.rootCause();
        this.version = s.version();
    }

    /** Every fact of a case, as stored; used to open one and to load one back. */
    public record Snapshot(
            UUID id,
            String reference,
            Channel channel,
            Submitter submitter,
            Customer customer,
            UUID customerId,
            Complaint complaint,
            Triage triage,
            CaseStatus status,
            Instant createdAt,
            Instant updatedAt,
            Instant acknowledgeDueAt,
            Instant resolveDueAt,
            @Nullable Instant acknowledgedAt,
            @Nullable Instant resolvedAt,
            @Nullable Instant closedAt,
            @Nullable RootCause rootCause,
            @Nullable Instant acknowledgeBreachedAt,
            @Nullable Instant resolveBreachedAt,
            @Nullable Instant escalatedAt,
            long version) {}

    /** A newly received case, version 1. */
    public static Case open(
            UUID id,
            String reference,
            Channel channel,
            Submitter submitter,
            Customer customer,
            UUID customerId,
            Complaint complaint,
            Triage triage,
            Instant now,
            Instant acknowledgeDueAt,
            Instant resolveDueAt) {
        return new Case(new Snapshot(
                id,
                reference,
                channel,
                submitter,
                customer,
                customerId,
                complaint,
                triage,
                CaseStatus.RECEIVED,
                now,
                now,
                acknowledgeDueAt,
                resolveDueAt,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                1));
    }

    /** A case loaded back from storage. */
    public static Case restore(Snapshot snapshot) {
        return new Case(snapshot);
    }

    /** The event announcing this case was taken in (call right after {@link #open}), outside any incident. */
    public CaseOpened opened() {
        return opened(null, null, null);
    }

    /**
     * The event announcing this case was taken in (call right after {@link #open}), linked to {@code incidentId} if
     * not null, with the amount concerned that the incident's list gave for a proactive case.
     */
    public CaseOpened opened(@Nullable UUID incidentId, @Nullable Long amountMinorUnits, @Nullable String currency) {
        return new CaseOpened(
                id,
                reference,
                version,
                channel.name(),
                submitter.id(),
                submitter.kind().name(),
                customerId,
                customer.locale(),
                customer.audienceSize(),
                complaint.product(),
                complaint.errorKind().name(),
                complaint.impact().name(),
                triage.severity().name(),
                triage.sentiment(),
                complaint.orderReference(),
                createdAt,
                acknowledgeDueAt,
                resolveDueAt,
                incidentId,
                amountMinorUnits,
                currency);
    }

    /** We owned the mistake to the customer: allowed once, from {@code RECEIVED}. */
    public CaseAcknowledged acknowledge(String by, Instant now) {
        return acknowledge(by, now, null);
    }

    /**
     * We owned the mistake to the customer, with the statement of incident {@code incidentId} if not null: allowed
     * once, from {@code RECEIVED}.
     */
    public CaseAcknowledged acknowledge(String by, Instant now, @Nullable UUID incidentId) {
        require(status == CaseStatus.RECEIVED, "acknowledge");
        status = CaseStatus.ACKNOWLEDGED;
        acknowledgedAt = now;
        changed(now);
        return new CaseAcknowledged(
                id, reference, version, by, customer.locale(), now, !now.isAfter(acknowledgeDueAt), incidentId);
    }

    /** Someone is looking for the cause: from {@code ACKNOWLEDGED} or {@code REOPENED}. Causes no published event. */
    public void investigate(Instant now) {
        require(INVESTIGABLE.contains(status), "investigate");
        status = CaseStatus.INVESTIGATING;
        changed(now);
    }

    /** Whether the case's remedies can still resolve it: not once it is resolved or closed, nor before it is owned. */
    public boolean resolvable() {
        return RESOLVABLE.contains(status);
    }

    /** The mistake was repaired and its root cause named. */
    public CaseResolved resolve(RootCause cause, String by, Instant now) {
        require(RESOLVABLE.contains(status), "resolve");
        status = CaseStatus.RESOLVED;
        rootCause = cause;
        resolvedAt = now;
        changed(now);
        return new CaseResolved(
                id,
                reference,
                version,
                complaint.product(),
                complaint.errorKind().name(),
                cause.code(),
                by,
                now,
                !now.isAfter(resolveDueAt));
    }

    /** The resolution is final for now: from {@code RESOLVED}. */
    public CaseClosed close(String by, Instant now) {
        require(status == CaseStatus.RESOLVED, "close");
        status = CaseStatus.CLOSED;
        closedAt = now;
        changed(now);
        return new CaseClosed(id, reference, version, by, now);
    }

    /** The repair did not hold: from {@code RESOLVED} or {@code CLOSED}, within {@code window} of the resolution. */
    public CaseReopened reopen(String reason, String by, Instant now, Duration window) {
        require(REOPENABLE.contains(status), "reopen");
        var resolved = resolvedAt == null ? updatedAt : resolvedAt;
        if (now.isAfter(resolved.plus(window))) {
            throw new IllegalTransitionException("case " + reference + " was resolved more than " + window.toDays()
                    + " days ago; the reopen window has closed");
        }
        status = CaseStatus.REOPENED;
        resolvedAt = null;
        closedAt = null;
        changed(now);
        return new CaseReopened(id, reference, version, by, reason, now);
    }

    private void require(boolean allowed, String step) {
        if (!allowed) {
            throw new IllegalTransitionException("cannot " + step + " case " + reference + " in status " + status);
        }
    }

    private void changed(Instant now) {
        updatedAt = now;
        version++;
    }

    /** Every fact of the case as it stands now. */
    public Snapshot snapshot() {
        return new Snapshot(
                id,
                reference,
                channel,
                submitter,
                customer,
                customerId,
                complaint,
                triage,
                status,
                createdAt,
                updatedAt,
                acknowledgeDueAt,
                resolveDueAt,
                acknowledgedAt,
                resolvedAt,
                closedAt,
                rootCause,
                acknowledgeBreachedAt,
                resolveBreachedAt,
                escalatedAt,
                version);
    }

    public UUID id() {
        return id;
    }

    public String reference() {
        return reference;
    }

    public Submitter submitter() {
        return submitter;
    }

    public Customer customer() {
        return customer;
    }

    public Complaint complaint() {
        return complaint;
    }

    public CaseStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant resolveDueAt() {
        return resolveDueAt;
    }

    public long version() {
        return version;
    }
}
