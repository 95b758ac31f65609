package org.amends.cases.lifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.amends.cases.acknowledgement.MeaCulpaTemplates;
import org.amends.cases.lifecycle.model.Case;
import org.amends.cases.lifecycle.model.RootCause;
import org.amends.cases.security.Party;
import org.amends.cases.status.StatusTokens;
import org.amends.contracts.cases.CaseAcknowledged;
import org.amends.contracts.cases.CaseEvents;
import org.amends.messaging.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves stored cases through their lifecycle: each step loads the case, lets the aggregate guard the transition,
 * stores it only if nobody changed it meanwhile, and writes the timeline entry and the event in the same transaction.
 */
@Service
@Transactional
@EnableConfigurationProperties(LifecycleProperties.class)
public class CaseLifecycle {

    /** One page of a newest-first list and the opaque cursor of the next page. */
    public record Page(List<Case> items, @Nullable String next) {}

    /** The acknowledged case, the message the customer was sent and the link to their status page. */
    public record Acknowledgement(Case acknowledged, String message, String statusLink) {}

    /** Who resolves a case whose accepted remedies were all delivered. */
    public static final String REMEDY_SERVICE = "remedy-service";

    /** The root cause code of such a resolution; an agent can still name the real cause by reopening. */
    public static final String REMEDY_FULFILLED = "REMEDY-FULFILLED";

    private final Cases cases;
    private final Timeline timeline;
    private final Outbox outbox;
    private final MeaCulpaTemplates templates;
    private final StatusTokens statusTokens;
    private final LifecycleProperties properties;
    private final Clock clock;
    private final Timer timeToAcknowledge;

    CaseLifecycle(
            Cases cases,
            Timeline timeline,
            Outbox outbox,
            StatusTokens statusTokens,
            LifecycleProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.cases = cases;
        this.timeline = timeline;
        this.outbox = outbox;
        this.statusTokens = statusTokens;
        this.templates = new MeaCulpaTemplates();
        this.properties = properties;
        this.clock = clock;
        this.timeToAcknowledge = Timer.builder("amends.case.time.to.acknowledge")
                .description("Time from intake to the mea-culpa acknowledgement")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofDays(2))
                .register(registry);
    }

    @Transactional(readOnly = true)
    public Case get(UUID id, Party party) {
        return visible(id, party);
    }

    /** Staff see every entry; a partner only what the customer sees. */
    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(UUID id, Party party) {
        visible(id, party);
        return timeline.of(id, party.isPartner());
    }

    @Transactional(readOnly = true)
    public Page list(Cases.Filter filter, @Nullable String cursor, int limit) {
        var items = cases.list(filter, decode(cursor), limit + 1);
        if (items.size() <= limit) {
            return new Page(items, null);
        }
        var page = items.subList(0, limit);
        var last = page.get(limit - 1);
        return new Page(List.copyOf(page), encode(last));
    }

    @Transactional(readOnly = true)
    public String previewAcknowledgement(UUID id, Party party) {
        return templates.render(visible(id, party));
    }

    /** Sends the mea-culpa: the agent's edited message if given, else the rendered template. */
    public Acknowledgement acknowledge(UUID id, Party party, @Nullable Long ifMatch, @Nullable String editedMessage) {
        var aCase = loadForChange(id, party, ifMatch);
        var expected = aCase.version();
        var now = now();
        var message = editedMessage != null ? editedMessage : templates.render(aCase);
        var event = aCase.acknowledge(party.id(), now);
        store(aCase, expected);
        timeline.append(id, now, "ACKNOWLEDGED", party.id(), Visibility.CUSTOMER, message);
        outbox.add(CaseEvents.ACKNOWLEDGED, id, now, event);
        timeToAcknowledge.record(Duration.between(aCase.createdAt(), now));
        // Issued with the acknowledgement, in its transaction: the mea-culpa and the way to follow the case go
        // together.
        return new Acknowledgement(aCase, message, statusTokens.issue(id));
    }

    /**
     * Acknowledges a case already in hand (just filed, or locked by the caller) on behalf of {@code by}, with
     * {@code message}, e.g. the statement of incident {@code incidentId} (named in the event); issues its status token
     * in the same transaction.
     */
    public Acknowledgement acknowledgeFor(Case aCase, String by, String message) {
        return acknowledgeFor(aCase, by, message, null);
    }

    /** As {@link #acknowledgeFor(Case, String, String)}, with the statement of the incident {@code incidentId}. */
    public Acknowledgement acknowledgeFor(Case aCase, String by, String message, @Nullable UUID incidentId) {
        var expected = aCase.version();
        var now = now();
        var event = aCase.acknowledge(by, now, incidentId);
        store(aCase, expected);
        timeline.append(aCase.id(), now, "ACKNOWLEDGED", by, Visibility.CUSTOMER, message);
        outbox.add(CaseEvents.ACKNOWLEDGED, aCase.id(), now, event);
        timeToAcknowledge.record(Duration.between(aCase.createdAt(), now));
        return new Acknowledgement(aCase, message, statusTokens.issue(aCase.id()));
    }

    /**
     * Acknowledges many new cases, not yet stored, as {@link #acknowledgeFor} does one: the bulk import's path. The
     * caller stores them as they now are (each row written once, born acknowledged, rather than inserted and then
     * updated), and then {@link #record} writes their timeline entries, {@code case.acknowledged} events and status
     * links, a few JDBC batches for all of them. {@code messages} are in the cases' order, all with the statement of
     * the incident {@code incidentId}; the status links are issued but not returned (the status page shows them).
     */
    public Acknowledged acknowledgeNew(List<Case> all, String by, List<String> messages, UUID incidentId) {
        var now = now();
        var entries = new ArrayList<Timeline.Append>(all.size());
        var events = new ArrayList<Outbox.Entry<CaseAcknowledged>>(all.size());
        for (int i = 0; i < all.size(); i++) {
            var aCase = all.get(i);
            var event = aCase.acknowledge(by, now, incidentId);
            entries.add(new Timeline.Append(
                    aCase.id(), new TimelineEntry(now, "ACKNOWLEDGED", by, Visibility.CUSTOMER, messages.get(i))));
            events.add(new Outbox.Entry<>(aCase.id(), now, event));
            timeToAcknowledge.record(Duration.between(aCase.createdAt(), now));
        }
        return new Acknowledged(entries, events);
    }

    /** What {@link #acknowledgeNew} leaves to write once the cases are stored. */
    public record Acknowledged(List<Timeline.Append> entries, List<Outbox.Entry<CaseAcknowledged>> events) {}

    /** Writes what acknowledging new cases left, after the cases themselves (the rows refer to them). */
    public void record(Acknowledged acknowledged) {
        if (acknowledged.events().isEmpty()) {
            return;
        }
        timeline.appendAll(acknowledged.entries());
        outbox.addBulk(CaseEvents.ACKNOWLEDGED, acknowledged.events());
        statusTokens.issueAll(
                acknowledged.events().stream().map(Outbox.Entry::subject).toList());
    }

    /**
     * Resolves a case already in hand (locked by the caller) on behalf of {@code by}, with {@code text} on the
     * customer's timeline; false, and nothing written, when the case cannot be resolved in its state.
     */
    public boolean resolveFor(Case aCase, RootCause rootCause, String by, String text) {
        if (!aCase.resolvable()) {
            return false;
        }
        var expected = aCase.version();
        var now = now();
        var event = aCase.resolve(rootCause, by, now);
        store(aCase, expected);
        timeline.append(aCase.id(), now, "RESOLVED", by, Visibility.CUSTOMER, text);
        outbox.add(CaseEvents.RESOLVED, aCase.id(), now, event);
        return true;
    }

    public Case investigate(UUID id, Party party, @Nullable Long ifMatch) {
        var aCase = loadForChange(id, party, ifMatch);
        var expected = aCase.version();
        var now = now();
        aCase.investigate(now);
        store(aCase, expected);
        timeline.append(
                id, now, "INVESTIGATING", party.id(), Visibility.CUSTOMER, "We are investigating what went wrong.");
        return aCase;
    }

    public Case resolve(UUID id, Party party, @Nullable Long ifMatch, RootCause rootCause) {
        var aCase = loadForChange(id, party, ifMatch);
        var expected = aCase.version();
        var now = now();
        var event = aCase.resolve(rootCause, party.id(), now);
        store(aCase, expected);
        timeline.append(
                id,
                now,
                "RESOLVED",
                party.id(),
                Visibility.CUSTOMER,
                "Resolved. Root cause " + rootCause.code() + ": " + rootCause.summary());
        outbox.add(CaseEvents.RESOLVED, id, now, event);
        return aCase;
    }

    /**
     * Resolves the case because every remedy the customer accepted was delivered; does nothing when the case is
     * already resolved or closed (an agent got there first) or not yet acknowledged. Returns whether it resolved it.
     * Call with the case row locked.
     */
    public boolean resolveAfterRemedies(Case aCase) {
        if (!aCase.resolvable()) {
            return false;
        }
        var expected = aCase.version();
        var now = now();
        var event = aCase.resolve(
                new RootCause(REMEDY_FULFILLED, "Every remedy the customer accepted was delivered."),
                REMEDY_SERVICE,
                now);
        store(aCase, expected);
        timeline.append(
                aCase.id(),
                now,
                "RESOLVED",
                REMEDY_SERVICE,
                Visibility.CUSTOMER,
                "Resolved: everything we promised to put this right has been delivered.");
        outbox.add(CaseEvents.RESOLVED, aCase.id(), now, event);
        return true;
    }

    public Case close(UUID id, Party party, @Nullable Long ifMatch) {
        var aCase = loadForChange(id, party, ifMatch);
        var expected = aCase.version();
        var now = now();
        var event = aCase.close(party.id(), now);
        store(aCase, expected);
        timeline.append(id, now, "CLOSED", party.id(), Visibility.CUSTOMER, "Case closed.");
        outbox.add(CaseEvents.CLOSED, id, now, event);
        return aCase;
    }

    public Case reopen(UUID id, Party party, @Nullable Long ifMatch, String reason) {
        var aCase = loadForChange(id, party, ifMatch);
        var expected = aCase.version();
        var now = now();
        var event = aCase.reopen(reason, party.id(), now, properties.reopenWindow());
        store(aCase, expected);
        timeline.append(id, now, "REOPENED", party.id(), Visibility.CUSTOMER, "Reopened: " + reason);
        outbox.add(CaseEvents.REOPENED, id, now, event);
        return aCase;
    }

    /** Adds a note; partners may add only customer-visible notes, and only to their own cases. */
    public TimelineEntry addNote(UUID id, Party party, @Nullable Long ifMatch, String text, Visibility visibility) {
        if (party.isPartner() && visibility != Visibility.CUSTOMER) {
            throw new AccessDeniedException("partners may add only CUSTOMER notes");
        }
        loadForChange(id, party, ifMatch);
        var entry = new TimelineEntry(now(), "NOTE", party.id(), visibility, text);
        timeline.append(id, entry);
        return entry;
    }

    private Case visible(UUID id, Party party) {
        var aCase = cases.find(id).orElseThrow(() -> new CaseNotFoundException(id));
        if (!party.maySee(aCase.submitter())) {
            throw new CaseNotFoundException(id);
        }
        return aCase;
    }

    private Case loadForChange(UUID id, Party party, @Nullable Long ifMatch) {
        var aCase = visible(id, party);
        if (ifMatch != null && ifMatch != aCase.version()) {
            throw new PreconditionFailedException(ifMatch, aCase.version());
        }
        return aCase;
    }

    private void store(Case aCase, long expectedVersion) {
        if (!cases.update(aCase, expectedVersion)) {
            throw new ConcurrentUpdateException(aCase.reference());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String encode(Case last) {
        var micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt());
        var raw = micros + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Cases.@Nullable Position decode(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            var raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var colon = raw.indexOf(':');
            var micros = Long.parseLong(raw.substring(0, colon));
            return new Cases.Position(
                    Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(raw.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidRequestException(
                    List.of(new InvalidRequestException.FieldViolation("cursor", "is not a cursor this API issued")));
        }
    }
}
