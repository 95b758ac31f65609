package org.amends.cases.incidents;

import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amends.cases.intake.IncidentMatching;
import org.amends.cases.lifecycle.CaseLifecycle;
import org.amends.cases.lifecycle.CaseNotFoundException;
import org.amends.cases.lifecycle.Cases;
import org.amends.cases.lifecycle.ConcurrentUpdateException;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.PreconditionFailedException;
import org.amends.cases.lifecycle.model.Case;
import org.amends.cases.lifecycle.model.CaseStatus;
import org.amends.cases.lifecycle.model.Complaint;
import org.amends.cases.lifecycle.model.IllegalTransitionException;
import org.amends.cases.security.Party;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declares, revises and resolves incidents, posts their updates and links cases to them. Resolving an incident
 * resolves, in the same transaction, every linked case with no open work of its own, each with its own
 * {@code case.resolved} event.
 */
@Service
@Transactional
public class IncidentLifecycle implements IncidentMatching {

    /** One page of a newest-first list and the opaque cursor of the next page. */
    record Page(List<IncidentView> items, @Nullable String next) {}

    /** What a change did: the incident after it and how many linked cases its resolution resolved. */
    record Changed(Incident incident, int casesResolved) {}

    /** The link of a case to its incident. */
    @Schema(name = "CaseIncidentLink", description = "The incident a case is linked to.")
    public record Link(UUID caseId, UUID incidentId, String reference, String status) {}

    private final Incidents incidents;
    private final Cases cases;
    private final CaseLifecycle lifecycle;
    private final Clock clock;

    IncidentLifecycle(Incidents incidents, Cases cases, CaseLifecycle lifecycle, Clock clock) {
        this.incidents = incidents;
        this.cases = cases;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    Incident declare(IncidentRequests.Declaration d, Party party) {
        var now = now();
        var incident = Incident.declare(
                UUID.randomUUID(),
                incidents.nextReference(),
                d.title(),
                d.product(),
                d.errorKind(),
                d.statement(),
                d.partners(),
                d.startedAt() == null ? now : d.startedAt().truncatedTo(ChronoUnit.MICROS),
                party.id(),
                now);
        incidents.insert(incident);
        return incident;
    }

    @Transactional(readOnly = true)
    IncidentView view(UUID id, Party party) {
        var incident = visible(id, party);
        var partner = party.isPartner() ? party.id() : null;
        return IncidentView.of(
                incident,
                partner,
                incidents.linkedCasesByStatus(id, partner),
                incidents.linkedRemediesByState(id, partner));
    }

    @Transactional(readOnly = true)
    Page list(Party party, @Nullable String cursor, int limit) {
        var partner = party.isPartner() ? party.id() : null;
        var items = incidents.list(partner, decode(cursor), limit + 1);
        var page = items.size() <= limit ? items : items.subList(0, limit);
        var views =
                page.stream().map(i -> IncidentView.of(i, partner, null, null)).toList();
        return new Page(views, items.size() <= limit ? null : encode(page.getLast()));
    }

    /** An incident the party may see: staff every one, a partner only those that list it; else not found. */
    @Transactional(readOnly = true)
    public Incident visible(UUID id, Party party) {
        var incident = incidents.find(id).orElseThrow(() -> new IncidentNotFoundException("incident"));
        if (party.isPartner() && !incident.lists(party.id())) {
            throw new IncidentNotFoundException("incident");
        }
        return incident;
    }

    Changed change(UUID id, Party party, @Nullable Long ifMatch, IncidentRequests.Revision r) {
        var incident = visible(id, party);
        if (ifMatch != null && ifMatch != incident.version()) {
            throw new PreconditionFailedException(ifMatch, incident.version());
        }
        var expected = incident.version();
        var now = now();
        var changed = incident;
        if (r.title() != null || r.statement() != null || r.partners() != null) {
            changed = changed.revise(r.title(), r.statement(), r.partners(), now);
        }
        if (r.status() == IncidentStatus.RESOLVED) {
            changed = changed.resolve(java.util.Objects.requireNonNull(r.rootCause()), now);
        } else if (r.status() != null) {
            changed = changed.moveTo(r.status(), now);
        }
        if (changed == incident) {
            return new Changed(incident, 0);
        }
        // One version step per request, however many fields it changed.
        changed = new Incident(
                changed.id(),
                changed.reference(),
                changed.title(),
                changed.product(),
                changed.errorKind(),
                changed.statement(),
                changed.partners(),
                changed.status(),
                changed.startedAt(),
                changed.rootCause(),
                changed.resolvedAt(),
                changed.createdBy(),
                changed.createdAt(),
                changed.updatedAt(),
                expected + 1);
        if (!incidents.update(changed, expected)) {
            throw new ConcurrentUpdateException(incident.reference());
        }
        var resolved = changed.status() == IncidentStatus.RESOLVED ? resolveLinkedCases(changed) : 0;
        return new Changed(changed, resolved);
    }

    private int resolveLinkedCases(Incident incident) {
        var cause = java.util.Objects.requireNonNull(incident.rootCause());
        int resolved = 0;
        for (var caseId : incidents.resolvableLinkedCases(incident.id())) {
            var aCase = cases.lock(caseId).orElseThrow();
            var text = new Bilingual(
                            "Resolved with incident " + incident.reference() + ". Root cause " + cause.code() + ": "
                                    + cause.summary(),
                            "Resuelto con la incidencia " + incident.reference() + ". Causa raíz " + cause.code() + ": "
                                    + cause.summary())
                    .in(aCase.customer().locale());
            if (lifecycle.resolveFor(aCase, cause, incident.reference(), text)) {
                resolved++;
            }
        }
        return resolved;
    }

    Incidents.Update postUpdate(UUID id, Party party, Bilingual text) {
        var incident = visible(id, party);
        if (!incident.takesCases()) {
            throw new IllegalTransitionException("incident " + incident.reference() + " is resolved");
        }
        return incidents.addUpdate(id, now(), party.id(), text);
    }

    @Transactional(readOnly = true)
    List<Incidents.Update> updates(UUID id, Party party) {
        visible(id, party);
        return incidents.updates(id);
    }

    @Override
    public Optional<UUID> matching(Complaint complaint) {
        return incidents
                .openWithSignature(complaint.product(), complaint.errorKind())
                .map(Incident::id);
    }

    @Override
    public void link(Case aCase, UUID incidentId) {
        linkAndAcknowledge(aCase, incidents.find(incidentId).orElseThrow());
    }

    /**
     * Links the case and, if nobody owned it to the customer yet, acknowledges it with the incident's statement in
     * the customer's language (publishing {@code case.acknowledged}).
     */
    void linkAndAcknowledge(Case aCase, Incident incident) {
        incidents.link(aCase.id(), incident.id());
        if (aCase.status() == CaseStatus.RECEIVED) {
            lifecycle.acknowledgeFor(aCase, incident.reference(), statementFor(aCase, incident), incident.id());
        }
    }

    /**
     * Acknowledges many cases just opened for the incident (born linked to it, {@code CaseIntake.openProactive}) with
     * its statement, each in its customer's language: {@link #linkAndAcknowledge} for a batch of the bulk import.
     */
    /** The acknowledgement a linked customer gets: the incident's statement, in their language. */
    static String statementFor(Case aCase, Incident incident) {
        var locale = aCase.customer().locale();
        var intro = new Bilingual(
                        "Your case " + aCase.reference() + " is part of incident " + incident.reference() + ".",
                        "Su caso " + aCase.reference() + " forma parte de la incidencia " + incident.reference() + ".")
                .in(locale);
        return incident.statement().in(locale) + "\n\n" + intro;
    }

    /** Links a case to an incident by hand: staff only (the security rules), not to a resolved incident. */
    Link link(UUID caseId, UUID incidentId, Party party) {
        var aCase = cases.lock(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        var incident = visible(incidentId, party);
        if (!incident.takesCases()) {
            throw new IllegalTransitionException(
                    "incident " + incident.reference() + " is resolved; it takes no more cases");
        }
        linkAndAcknowledge(aCase, incident);
        return new Link(
                caseId, incident.id(), incident.reference(), incident.status().name());
    }

    /** Unlinks a case by hand; false when it was not linked. */
    boolean unlink(UUID caseId) {
        cases.lock(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        if (incidents.incidentOf(caseId).isEmpty()) {
            return false;
        }
        incidents.link(caseId, null);
        return true;
    }

    @Transactional(readOnly = true)
    Link linkOf(UUID caseId, Party party) {
        var aCase = cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        if (!party.maySee(aCase.submitter())) {
            throw new CaseNotFoundException(caseId);
        }
        var incident = incidents
                .incidentOf(caseId)
                .flatMap(incidents::find)
                .orElseThrow(() -> new IncidentNotFoundException("incident linked to this case"));
        return new Link(
                caseId, incident.id(), incident.reference(), incident.status().name());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String encode(Incident last) {
        var micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt());
        var raw = micros + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Incidents.@Nullable Position decode(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            var raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var colon = raw.indexOf(':');
            var micros = Long.parseLong(raw.substring(0, colon));
            return new Incidents.Position(
                    Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(raw.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidRequestException(
                    List.of(new InvalidRequestException.FieldViolation("cursor", "is not a cursor this API issued")));
        }
    }
}
