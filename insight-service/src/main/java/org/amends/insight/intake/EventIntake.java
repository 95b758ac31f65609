package org.amends.insight.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amends.contracts.Subscription;
import org.amends.contracts.cases.CaseEvents;
import org.amends.insight.metrics.InsightMetrics;
import org.amends.insight.readmodel.EventJournal;
import org.amends.insight.readmodel.OpenedCase;
import org.amends.insight.readmodel.ReadModel;
import org.amends.insight.readmodel.ReceivedEvent;
import org.amends.insight.recurrence.RecurrenceWatch;
import org.amends.insight.reputation.ReputationWatch;
import org.amends.insight.spikes.SpikeDetector;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.messaging.inbox.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Takes events from a queue: reads them (what cannot be read is dead-lettered), applies each once, journals it, and
 * lets the detectors see it. Everything, alerts in the outbox included, commits in one transaction with the inbox rows.
 */
@Component
public class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    private final ProcessedEvents processed;
    private final EventJournal journal;
    private final ReadModel readModel;
    private final RecurrenceWatch recurrence;
    private final SpikeDetector spikes;
    private final ReputationWatch reputation;
    private final InsightMetrics metrics;
    private final Clock clock;

    EventIntake(
            ProcessedEvents processed,
            EventJournal journal,
            ReadModel readModel,
            RecurrenceWatch recurrence,
            SpikeDetector spikes,
            ReputationWatch reputation,
            InsightMetrics metrics,
            Clock clock) {
        this.processed = processed;
        this.journal = journal;
        this.readModel = readModel;
        this.recurrence = recurrence;
        this.spikes = spikes;
        this.reputation = reputation;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Takes a batch of events from one queue: reads them all (one that cannot be read fails the batch, which {@link
     * org.amends.messaging.inbox.EventBatches} then applies message by message, dead-lettering that one), records
     * the new ones in the inbox and the journal with one statement each, and applies them in the order received.
     */
    @Transactional
    public void takeAll(List<byte[]> bodies, Subscription subscription) {
        var incoming = new ArrayList<IncomingEvent>(bodies.size());
        var times = new HashMap<UUID, Instant>();
        for (var body : bodies) {
            var envelope = IncomingEvent.tree(body);
            var event = IncomingEvent.read(envelope, subscription);
            incoming.add(event);
            times.put(event.id(), time(envelope, event));
        }
        var events = processed.firstTimes(incoming).stream()
                .map(e -> new ReceivedEvent(e.id(), e.type(), e.subject(), times.get(e.id()), e.data()))
                .toList();
        journal.recordAll(events);
        readModel.applyAll(events, true, (event, opened) -> {
            metrics.consumptionLag(subscription.queue(), Duration.between(event.time(), clock.instant()));
            detect(event, opened);
        });
    }

    /** Lets the detectors see an event the read model has just applied. */
    private void detect(ReceivedEvent event, Optional<OpenedCase> opened) {
        // A spike or a recurrence is customers coming to us about a mistake. A proactive case is one we opened
        // ourselves for an incident already known (its list of affected customers, 100,000 at once), so it counts
        // toward neither: it would raise a spike for the import itself, skew the signature's baseline for hours, and,
        // imported after the fix, pass for a recurrence of it.
        var cameToUs = opened.filter(o -> !o.proactive());
        cameToUs.ifPresent(recurrence::onCaseOpened);
        cameToUs.ifPresent(spikes::onCaseOpened);
        // The score reads what case.opened sets and counts only open cases, so only an opening or a reopening can
        // raise it now; its growth with the case's age is the scheduled evaluation's part.
        opened.ifPresent(reputation::onCaseOpened);
        if (event.type().equals(CaseEvents.REOPENED.type()) && event.data().has("caseId")) {
            reputation.evaluate(UUID.fromString(event.data().path("caseId").asString()));
        }
        log.debug("applied {} {} for case {}", event.type(), event.id(), event.subject());
    }

    /** The envelope's time: when the change happened. Spikes and lag are measured from it, not from arrival. */
    private static Instant time(JsonNode envelope, IncomingEvent incoming) {
        var text = envelope.path("time").asString("");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new AmqpRejectAndDontRequeueException("event " + incoming.id() + " has no valid time: " + text);
        }
    }
}
