package org.amends.cases.status;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.amends.cases.lifecycle.CaseNotFoundException;
import org.amends.cases.lifecycle.Cases;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.Timeline;
import org.amends.cases.lifecycle.Visibility;
import org.amends.cases.lifecycle.model.Case;
import org.amends.cases.lifecycle.model.CaseStatus;
import org.amends.cases.lifecycle.model.IllegalTransitionException;
import org.amends.cases.remedies.CaseRemedies;
import org.amends.contracts.cases.CaseEvents;
import org.amends.contracts.cases.CaseFeedbackReceived;
import org.amends.contracts.cases.CaseRemedyAccepted;
import org.amends.contracts.cases.CaseRemedyDeclined;
import org.amends.messaging.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the customer does with their status token: see their case (never an internal note), answer a remedy offer,
 * rate the outcome once it is resolved. A wrong, expired or revoked token is the same "no such case" as any other.
 */
@Service
@Transactional
public class StatusPage {

    /** The page: the case in the customer's words and language. */
    @Schema(name = "StatusPage", description = "The customer's status page: one case, in their words and language.")
    public record View(
            String reference,
            String status,
            String statusText,
            String locale,
            List<Entry> timeline,
            List<OfferedRemedy> remedies,
            boolean feedbackGiven) {}

    /** One customer-visible timeline entry. */
    @Schema(name = "StatusEntry", description = "One line of the case's history that the customer may see.")
    public record Entry(Instant at, String kind, String text) {}

    /** A remedy as offered to the customer, and what became of it. */
    @Schema(description = "A remedy as offered to the customer, and what became of it.")
    public record OfferedRemedy(
            UUID remedyId,
            @Nullable String type,
            @Nullable Long amountMinorUnits,
            @Nullable String currency,
            String state) {}

    /** The customer's rating as stored. */
    @Schema(description = "The customer's rating as stored.")
    public record Feedback(int rating, boolean commentGiven, Instant receivedAt) {}

    /** Remedies the customer has not been told about yet (proposals, approvals, rejections) stay internal. */
    private static final Set<String> NOT_YET_OFFERED = Set.of("PROPOSED", "APPROVED", "REJECTED");

    private static final Set<CaseStatus> RATEABLE = Set.of(CaseStatus.RESOLVED, CaseStatus.CLOSED);
    private static final int COMMENT_MAX = 2000;

    private static final Map<String, String[]> STATUS_TEXT = Map.of(
            "RECEIVED", new String[] {"We have received your case.", "Hemos recibido su caso."},
            "ACKNOWLEDGED", new String[] {"We own this mistake and are on it.", "Asumimos este error y nos ocupamos."},
            "INVESTIGATING", new String[] {"We are investigating what went wrong.", "Investigamos qué falló."},
            "RESOLVED", new String[] {"Resolved.", "Resuelto."},
            "CLOSED", new String[] {"Closed.", "Cerrado."},
            "REOPENED", new String[] {"Reopened: we are on it again.", "Reabierto: volvemos a ocuparnos."});

    private final StatusTokens tokens;
    private final Cases cases;
    private final Timeline timeline;
    private final CaseRemedies remedies;
    private final Outbox outbox;
    private final Feedbacks feedbacks;
    private final Clock clock;

    StatusPage(
            StatusTokens tokens,
            Cases cases,
            Timeline timeline,
            CaseRemedies remedies,
            Outbox outbox,
            Feedbacks feedbacks,
            Clock clock) {
        this.tokens = tokens;
        this.cases = cases;
        this.timeline = timeline;
        this.remedies = remedies;
        this.outbox = outbox;
        this.feedbacks = feedbacks;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public View show(String token) {
        var aCase = opened(token, false);
        var locale = aCase.customer().locale();
        var entries = timeline.of(aCase.id(), true).stream()
                .filter(e -> e.visibility() == Visibility.CUSTOMER)
                .map(e -> new Entry(e.at(), e.kind(), e.text()))
                .toList();
        var offered = remedies.of(aCase.id()).stream()
                .filter(r -> !NOT_YET_OFFERED.contains(r.state()))
                .map(r -> new OfferedRemedy(r.remedyId(), r.type(), r.amountMinorUnits(), r.currency(), r.state()))
                .toList();
        var status = aCase.status().name();
        return new View(
                aCase.reference(),
                status,
                STATUS_TEXT.get(status)["es".equals(locale) ? 1 : 0],
                locale,
                entries,
                offered,
                feedbacks.given(aCase.id()));
    }

    /** The customer accepts an offer: remedy-service hears it through {@code case.remedy-accepted.v1}. */
    public OfferedRemedy accept(String token, UUID remedyId) {
        return answer(token, remedyId, true);
    }

    /** The customer declines an offer: remedy-service hears it through {@code case.remedy-declined.v1}. */
    public OfferedRemedy decline(String token, UUID remedyId) {
        return answer(token, remedyId, false);
    }

    /** The customer rates the outcome, once, after resolution. */
    public Feedback rate(String token, @Nullable Integer rating, @Nullable String comment) {
        var checks = new InvalidRequestException.Checks();
        if (rating == null || rating < 1 || rating > 5) {
            checks.reject("rating", "must be a whole number from 1 to 5");
        }
        if (comment != null && comment.length() > COMMENT_MAX) {
            checks.reject("comment", "must be at most " + COMMENT_MAX + " characters");
        }
        checks.throwIfAny();
        var aCase = opened(token, true);
        if (!RATEABLE.contains(aCase.status())) {
            throw new IllegalTransitionException("case " + aCase.reference() + " can be rated once it is resolved");
        }
        var now = now();
        var text = comment == null || comment.isBlank() ? null : comment.strip();
        if (!feedbacks.add(aCase.id(), rating, text, now)) {
            throw new IllegalTransitionException("case " + aCase.reference() + " was already rated");
        }
        outbox.add(
                CaseEvents.FEEDBACK_RECEIVED,
                aCase.id(),
                now,
                new CaseFeedbackReceived(
                        aCase.id(),
                        aCase.reference(),
                        aCase.version(),
                        rating,
                        remedies.anyAccepted(aCase.id()),
                        text != null,
                        now));
        return new Feedback(rating, text != null, now);
    }

    private OfferedRemedy answer(String token, UUID remedyId, boolean accepted) {
        var aCase = opened(token, true);
        var remedy = remedies.find(aCase.id(), remedyId).orElseThrow(() -> new CaseNotFoundException(aCase.id()));
        if (!"OFFERED".equals(remedy.state())) {
            throw new IllegalTransitionException("this remedy is " + remedy.state() + ", not on offer");
        }
        var now = now();
        var state = accepted ? "ACCEPTED" : "DECLINED";
        remedies.answered(aCase.id(), remedyId, state);
        if (accepted) {
            outbox.add(
                    CaseEvents.REMEDY_ACCEPTED,
                    aCase.id(),
                    now,
                    new CaseRemedyAccepted(aCase.id(), aCase.reference(), aCase.version(), remedyId, now));
        } else {
            outbox.add(
                    CaseEvents.REMEDY_DECLINED,
                    aCase.id(),
                    now,
                    new CaseRemedyDeclined(aCase.id(), aCase.reference(), aCase.version(), remedyId, now));
        }
        var spanish = "es".equals(aCase.customer().locale());
        timeline.append(
                aCase.id(),
                now,
                accepted ? "REMEDY_ACCEPTED" : "REMEDY_DECLINED",
                "customer",
                Visibility.CUSTOMER,
                accepted
                        ? (spanish ? "Ha aceptado nuestra oferta." : "You accepted our offer.")
                        : (spanish ? "Ha rechazado nuestra oferta." : "You declined our offer."));
        return new OfferedRemedy(remedyId, remedy.type(), remedy.amountMinorUnits(), remedy.currency(), state);
    }

    /** The case the token opens; locked when the customer changes something, so two answers cannot both pass. */
    private Case opened(String token, boolean forChange) {
        // A token-shaped miss and a case-shaped miss must be the same 404; the id in the exception never reaches
        // the response.
        var caseId = tokens.caseOf(token).orElseThrow(() -> new CaseNotFoundException(new UUID(0, 0)));
        var aCase = forChange ? cases.lock(caseId) : cases.find(caseId);
        return aCase.orElseThrow(() -> new CaseNotFoundException(caseId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
