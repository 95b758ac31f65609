package org.amends.insight.recurrence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.amends.contracts.insights.InsightEvents;
import org.amends.contracts.insights.RecurrenceDetected;
import org.amends.insight.alerts.AlertKind;
import org.amends.insight.alerts.Alerts;
import org.amends.insight.corrective.ActionStatus;
import org.amends.insight.corrective.CorrectiveAction;
import org.amends.insight.corrective.CorrectiveActions;
import org.amends.insight.metrics.InsightMetrics;
import org.amends.insight.readmodel.OpenedCase;
import org.amends.messaging.PerTransaction;
import org.amends.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks each newly opened case against its problem's corrective actions. The first recurrence after a fix marks the
 * action ineffective, raises an alert and publishes the event (in the transaction that applies the case); later
 * cases while it stays ineffective are counted on the action but not announced again.
 */
@Component
public class RecurrenceWatch {

    private final CorrectiveActions actions;
    private final Alerts alerts;
    private final Outbox outbox;
    private final InsightMetrics metrics;
    private final RecurrenceProperties properties;
    private final Clock clock;
    private final PerTransaction<Map<UUID, List<CorrectiveAction>>> watched;

    RecurrenceWatch(
            CorrectiveActions actions,
            Alerts alerts,
            Outbox outbox,
            InsightMetrics metrics,
            RecurrenceProperties properties,
            Clock clock) {
        this.actions = actions;
        this.alerts = alerts;
        this.outbox = outbox;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.watched = new PerTransaction<>(HashMap::new, held -> {});
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onCaseOpened(OpenedCase opened) {
        var signature = opened.signature();
        var doneBefore = opened.openedAt().minus(properties.gracePeriod());
        // A problem's watched actions are read and locked once per transaction (a batch of cases), then kept here.
        var watched =
                this.watched.get().computeIfAbsent(signature.problemId(), id -> new ArrayList<>(actions.watched(id)));
        for (int i = 0; i < watched.size(); i++) {
            var action = watched.get(i);
            if (!Objects.requireNonNull(action.doneAt()).isBefore(doneBefore)) {
                continue;
            }
            var now = clock.instant();
            var wasDone = action.status() == ActionStatus.DONE;
            var recurred = action.recurred(now);
            actions.save(recurred);
            watched.set(i, recurred);
            metrics.recurrence();
            if (!wasDone) {
                continue;
            }
            var event = new RecurrenceDetected(
                    signature.problemId(),
                    signature.text(),
                    signature.product(),
                    signature.errorKind(),
                    null,
                    opened.caseId(),
                    opened.reference(),
                    action.actionId(),
                    Objects.requireNonNull(action.doneAt()),
                    recurred.recurrences(),
                    now);
            var raised = alerts.raise(
                    AlertKind.RECURRENCE,
                    "recurrence:" + action.actionId() + ":" + action.doneAt(),
                    signature.problemId(),
                    opened.caseId(),
                    signature.text(),
                    "Case " + opened.reference() + " recurred after corrective action \"" + action.description()
                            + "\" was done",
                    Map.of(
                            "correctiveActionId", action.actionId(),
                            "correctiveActionDoneAt", action.doneAt().toString(),
                            "caseReference", opened.reference()),
                    now);
            if (raised) {
                outbox.add(InsightEvents.RECURRENCE_DETECTED, opened.caseId(), now, event);
            }
        }
    }
}
