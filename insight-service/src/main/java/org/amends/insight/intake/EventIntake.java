package org.amends.insight.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.amends.contracts.Subscription;
import org.amends.contracts.cases.CaseEvents;
import org.amends.insight.metrics.InsightMetrics;
import org.amends.insight.readmodel.EventJournal;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes one event from a queue: reads it (what cannot be read is dead-lettered), applies it once, journals it, and
 * lets the detectors see it. Everything, alerts in the outbox included, commits in one transaction with the inbox row.
 */
@Component
public class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    @Transactional
    public void take(byte[] body, Subscription subscription) {
        var incoming = IncomingEvent.read(body, subscription);
        var time = time(body, incoming);
        var first = processed.firstTime(incoming);
        if (!first) {
            return;
        }
        metrics.consumptionLag(subscription.queue(), Duration.between(time, clock.instant()));
        var event = new ReceivedEvent(incoming.id(), incoming.type(), incoming.subject(), time, incoming.data());
        journal.record(event);
        var opened = readModel.apply(event, true);
        opened.ifPresent(recurrence::onCaseOpened);
        opened.ifPresent(spikes::onCaseOpened);
        // The score reads what case.opened sets and counts only open cases, so only an opening or a reopening can
        // raise it now; its growth with the case's age is the scheduled evaluation's part.
        if ((event.type().equals(CaseEvents.OPENED.type()) || event.type().equals(CaseEvents.REOPENED.type()))
                && event.data().has("caseId")) {
            reputation.evaluate(UUID.fromString(event.data().path("caseId").asString()));
        }
        log.debug("applied {} {} for case {}", event.type(), event.id(), event.subject());
    }

    /** The envelope's time: when the change happened. Spikes and lag are measured from it, not from arrival. */
    private static Instant time(byte[] body, IncomingEvent incoming) {
        var text = JSON.readTree(body).path("time").asString("");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new AmqpRejectAndDontRequeueException("event " + incoming.id() + " has no valid time: " + text);
        }
    }
}
