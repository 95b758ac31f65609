package org.amends.cases.reputation;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import org.amends.cases.lifecycle.Cases;
import org.amends.cases.lifecycle.Timeline;
import org.amends.cases.lifecycle.Visibility;
import org.amends.cases.lifecycle.model.CaseStatus;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.messaging.inbox.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Escalates a case when insight-service raises its reputation risk: the case is flagged for a supervisor and its
 * internal timeline says why, component by component. Each alert is applied once (inbox), with the case row locked.
 * An alert about a case that was resolved or closed in the meantime is noted on the timeline but escalates nothing.
 */
@Component
class ReputationRiskListener {

    private static final Logger log = LoggerFactory.getLogger(ReputationRiskListener.class);

    private final ProcessedEvents processed;
    private final Cases cases;
    private final Timeline timeline;
    private final MeterRegistry meters;

    ReputationRiskListener(ProcessedEvents processed, Cases cases, Timeline timeline, MeterRegistry meters) {
        this.processed = processed;
        this.cases = cases;
        this.timeline = timeline;
        this.meters = meters;
    }

    @RabbitListener(queues = InsightEventsQueue.NAME)
    @Transactional
    void on(byte[] body) {
        var event = IncomingEvent.read(body, InsightEventsQueue.SUBSCRIPTION);
        if (!processed.firstTime(event)) {
            return;
        }
        var data = event.data();
        var caseId = uuid(data.path("caseId").asString(""));
        var aCase = cases.lock(caseId).orElse(null);
        if (aCase == null) {
            log.info("{} {} skipped: no case {}", event.type(), event.id(), caseId);
            return;
        }
        var raisedAt = Instant.parse(data.path("raisedAt").asString());
        var reasons = new ArrayList<String>();
        data.path("components")
                .forEach(c -> reasons.add(
                        c.path("reason").asString() + " (+" + c.path("points").asInt() + ")"));
        var risk = "Reputation risk " + data.path("score").asInt() + " (threshold "
                + data.path("threshold").asInt() + "): " + String.join(", ", reasons) + ".";
        var open = aCase.status() != CaseStatus.RESOLVED && aCase.status() != CaseStatus.CLOSED;
        if (open && cases.escalate(caseId, raisedAt)) {
            meters.counter("amends_case_escalations_total", "reason", "reputation-risk")
                    .increment();
        }
        timeline.append(
                caseId,
                raisedAt,
                open ? "ESCALATED" : "REPUTATION_RISK",
                "insight-service",
                Visibility.INTERNAL,
                open ? risk + " Escalated to a supervisor." : risk + " The case was already " + aCase.status() + ".");
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new AmqpRejectAndDontRequeueException("caseId is not a UUID: " + value, e);
        }
    }
}
