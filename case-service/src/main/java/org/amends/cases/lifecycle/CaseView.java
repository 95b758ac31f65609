package org.amends.cases.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amends.cases.lifecycle.model.Case;
import org.amends.cases.lifecycle.model.Customer;
import org.amends.cases.lifecycle.model.RootCause;
import org.jspecify.annotations.Nullable;

/** A case as the API shows it. */
public record CaseView(
        UUID id,
        String reference,
        String status,
        String channel,
        SubmittedBy submittedBy,
        Customer customer,
        UUID customerId,
        String product,
        String errorKind,
        String summary,
        String description,
        String impact,
        String severity,
        TriageView triage,
        @Nullable String orderReference,
        Instant acknowledgeDueAt,
        Instant resolveDueAt,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant resolvedAt,
        @Nullable Instant closedAt,
        @Nullable RootCause rootCause,
        @Nullable Instant acknowledgeBreachedAt,
        @Nullable Instant resolveBreachedAt,
        boolean escalated,
        @Nullable Instant escalatedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** Who filed the case. */
    public record SubmittedBy(String id, String kind) {}

    /** Why triage judged as it did. */
    public record TriageView(double sentiment, List<String> reasons) {}

    public static CaseView of(Case aCase) {
        var s = aCase.snapshot();
        return new CaseView(
                s.id(),
                s.reference(),
                s.status().name(),
                s.channel().name(),
                new SubmittedBy(s.submitter().id(), s.submitter().kind().name()),
                s.customer(),
                s.customerId(),
                s.complaint().product(),
                s.complaint().errorKind().name(),
                s.complaint().summary(),
                s.complaint().description(),
                s.complaint().impact().name(),
                s.triage().severity().name(),
                new TriageView(s.triage().sentiment(), s.triage().reasons()),
                s.complaint().orderReference(),
                s.acknowledgeDueAt(),
                s.resolveDueAt(),
                s.acknowledgedAt(),
                s.resolvedAt(),
                s.closedAt(),
                s.rootCause(),
                s.acknowledgeBreachedAt(),
                s.resolveBreachedAt(),
                s.escalatedAt() != null,
                s.escalatedAt(),
                s.createdAt(),
                s.updatedAt(),
                s.version());
    }
}
