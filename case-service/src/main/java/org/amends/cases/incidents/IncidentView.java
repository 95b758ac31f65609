package org.amends.cases.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amends.cases.lifecycle.model.RootCause;
import org.jspecify.annotations.Nullable;

/**
 * An incident as the API shows it; {@code linkedCases} (counts of linked cases by case status, and of their remedies
 * by remedy state) only when one incident is read. A partner sees only itself in {@code partners} and only the cases it filed in the counts.
 */
public record IncidentView(
        UUID id,
        String reference,
        String title,
        String product,
        String errorKind,
        Bilingual statement,
        List<String> partners,
        String status,
        Instant startedAt,
        @Nullable RootCause rootCause,
        @Nullable Instant resolvedAt,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable LinkedCases linkedCases) {

    /** How many cases are linked, in total and by case status, and how their remedies stand, by remedy state. */
    public record LinkedCases(long total, Map<String, Long> byStatus, Map<String, Long> remediesByState) {}

    static IncidentView of(
            Incident i,
            @Nullable String partner,
            @Nullable Map<String, Long> counts,
            @Nullable Map<String, Long> remedies) {
        return new IncidentView(
                i.id(),
                i.reference(),
                i.title(),
                i.product(),
                i.errorKind().name(),
                i.statement(),
                partner == null ? i.partners() : List.of(partner),
                i.status().name(),
                i.startedAt(),
                i.rootCause(),
                i.resolvedAt(),
                i.createdBy(),
                i.createdAt(),
                i.updatedAt(),
                i.version(),
                counts == null
                        ? null
                        : new LinkedCases(
                                counts.values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum(),
                                counts,
                                remedies == null ? Map.of() : remedies));
    }
}
