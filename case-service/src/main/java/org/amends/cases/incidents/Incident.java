package org.amends.cases.incidents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amends.cases.lifecycle.model.ErrorKind;
import org.amends.cases.lifecycle.model.IllegalTransitionException;
import org.amends.cases.lifecycle.model.RootCause;
import org.jspecify.annotations.Nullable;

/**
 * One known mistake of ours that hits many customers: its signature (product and error kind) links the cases it
 * causes, its statement is what every affected customer is told. Each change returns the incident as it is after it,
 * one version later; a resolved incident changes no more.
 */
public record Incident(
        UUID id,
        String reference,
        String title,
        String product,
        ErrorKind errorKind,
        Bilingual statement,
        List<String> partners,
        IncidentStatus status,
        Instant startedAt,
        @Nullable RootCause rootCause,
        @Nullable Instant resolvedAt,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Incident {
        partners = List.copyOf(partners);
    }

    /** A newly declared incident, {@code OPEN}, version 1. */
    public static Incident declare(
            UUID id,
            String reference,
            String title,
            String product,
            ErrorKind errorKind,
            Bilingual statement,
            List<String> partners,
            Instant startedAt,
            String by,
            Instant now) {
        return new Incident(
                id,
                reference,
                title,
                product,
                errorKind,
                statement,
                partners,
                IncidentStatus.OPEN,
                startedAt,
                null,
                null,
                by,
                now,
                now,
                1);
    }

    /** Whether cases are still linked to it: until it is resolved. */
    public boolean takesCases() {
        return status != IncidentStatus.RESOLVED;
    }

    /** Whether the partner client {@code clientId} was granted this incident. */
    public boolean lists(String clientId) {
        return partners.contains(clientId);
    }

    /** Title, statement or partners changed; null keeps the current value. Not once it is resolved. */
    public Incident revise(
            @Nullable String newTitle,
            @Nullable Bilingual newStatement,
            @Nullable List<String> newPartners,
            Instant now) {
        requireUnresolved("revise");
        return new Incident(
                id,
                reference,
                newTitle != null ? newTitle : title,
                product,
                errorKind,
                newStatement != null ? newStatement : statement,
                newPartners != null ? newPartners : partners,
                status,
                startedAt,
                rootCause,
                resolvedAt,
                createdBy,
                createdAt,
                now,
                version + 1);
    }

    /** {@code OPEN} ⇄ {@code MITIGATED}: the harm is contained (or not any more). */
    public Incident moveTo(IncidentStatus target, Instant now) {
        requireUnresolved("change the status of");
        if (target == IncidentStatus.RESOLVED) {
            throw new IllegalArgumentException("resolving needs a root cause: use resolve");
        }
        if (target == status) {
            return this;
        }
        return withStatus(target, null, null, now);
    }

    /** The mistake is fixed and its root cause named: final. */
    public Incident resolve(RootCause cause, Instant now) {
        requireUnresolved("resolve");
        return withStatus(IncidentStatus.RESOLVED, cause, now, now);
    }

    private Incident withStatus(
            IncidentStatus target, @Nullable RootCause cause, @Nullable Instant resolved, Instant now) {
        return new Incident(
                id,
                reference,
                title,
                product,
                errorKind,
                statement,
                partners,
                target,
                startedAt,
                cause,
                resolved,
                createdBy,
                createdAt,
                now,
                version + 1);
    }

    private void requireUnresolved(String step) {
        if (status == IncidentStatus.RESOLVED) {
            throw new IllegalTransitionException("cannot " + step + " incident " + reference + ": it is resolved");
        }
    }
}
