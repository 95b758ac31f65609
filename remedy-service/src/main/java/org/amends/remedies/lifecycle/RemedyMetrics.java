package org.amends.remedies.lifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import org.amends.messaging.inbox.AfterCommit;
import org.amends.remedies.approval.Budgets;
import org.amends.remedies.model.Remedy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The remedy figures operators watch: remedies by type and state and budget used per error kind (gauges refreshed
 * from the database, so every instance reports the same truth); lifecycle steps by outcome, approved value by type
 * and currency, the cost of fulfilled remedies and the wait for a person's approval (counted once
 * their transaction commits, {@link AfterCommit}).
 */
@Component
class RemedyMetrics {

    private final MeterRegistry registry;
    private final Remedies remedies;
    private final Budgets budgets;
    private final MultiGauge byTypeAndState;
    private final MultiGauge budgetUsed;

    RemedyMetrics(MeterRegistry registry, Remedies remedies, Budgets budgets) {
        this.registry = registry;
        this.remedies = remedies;
        this.budgets = budgets;
        this.byTypeAndState = MultiGauge.builder("amends.remedies.current")
                .description("Remedies by type and state, now")
                .register(registry);
        this.budgetUsed = MultiGauge.builder("amends.remedy.budget.used")
                .description("Minor units of this month's budget used, per error kind")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${amends.remedies.metrics-refresh:15s}", initialDelay = 0)
    void refresh() {
        var rows = new ArrayList<MultiGauge.Row<?>>();
        for (var count : remedies.countByTypeAndState()) {
            rows.add(MultiGauge.Row.of(Tags.of("type", count.type(), "state", count.state()), count.count()));
        }
        byTypeAndState.register(rows, true);
        var used = new ArrayList<MultiGauge.Row<?>>();
        budgets.usedThisMonth()
                .forEach((kind, minor) -> used.add(MultiGauge.Row.of(Tags.of("error_kind", kind), minor)));
        budgetUsed.register(used, true);
    }

    void approved(Remedy remedy, boolean automatic) {
        AfterCommit.run(() -> {
            registry.counter(
                            "amends.remedy.value",
                            "type",
                            remedy.type().name(),
                            "currency",
                            remedy.amount().currencyCode())
                    .increment(remedy.amount().minorUnits());
            registry.counter("amends.remedy.approvals", "automatic", Boolean.toString(automatic))
                    .increment();
        });
    }

    /**
     * One lifecycle step taken ({@code proposed}, {@code approved}, ... {@code failed}); fulfilled ones cost money.
     * Called once the step's transaction has committed (from an {@code afterCommit} callback, where {@link AfterCommit}
     * could not register another).
     */
    void stepped(Remedy remedy, String outcome) {
        registry.counter(
                        "amends.remedies",
                        "outcome",
                        outcome,
                        "type",
                        remedy.type().name())
                .increment();
        if (outcome.equals("fulfilled")) {
            registry.counter(
                            "amends.remedy.cost.minor.units",
                            "currency",
                            remedy.amount().currencyCode(),
                            "kind",
                            remedy.type().name())
                    .increment(remedy.amount().minorUnits());
        }
    }

    void approvalWaited(Remedy remedy, Duration wait) {
        AfterCommit.run(() -> {
            Timer.builder("amends.remedy.approval.wait")
                    .description("Time from proposal to a person's approval")
                    .tag("type", remedy.type().name())
                    .register(registry)
                    .record(wait);
        });
    }
}
