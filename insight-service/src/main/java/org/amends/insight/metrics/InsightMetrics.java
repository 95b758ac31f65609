package org.amends.insight.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.amends.messaging.inbox.AfterCommit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Every business metric insight-service exposes. Label values come from closed sets (channels, severities, SLA clocks,
 * queues) or are checked to be short codes (remedy types, ISO currencies); anything else is reported as {@code other},
 * so a bad event cannot blow up the label set. What happens in a transaction is recorded once it commits
 * ({@link AfterCommit}): a consumed batch that rolls back and is applied again message by message counts once.
 */
@Component
public class InsightMetrics {

    private static final Set<String> CHANNELS =
            Set.of("PHONE", "EMAIL", "WEB", "CHAT", "SOCIAL", "PARTNER", "PROACTIVE");
    private static final Set<String> SEVERITIES = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final Set<String> CLOCKS = Set.of("ACKNOWLEDGEMENT", "RESOLUTION");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]{0,31}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final MeterRegistry registry;
    private final AtomicLong openProblems = new AtomicLong();

    InsightMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("amends_insight_open_problems", openProblems);
        // The alert counters exist from the start at 0, so that the first alert after a restart is an increase that
        // Prometheus' increase() sees (a series that appears at 1 has no increase) and alert rules read no missing
        // series.
        registry.counter("amends_insight_recurrences_total");
        registry.counter("amends_insight_spikes_total");
        registry.counter("amends_insight_reputation_alerts_total");
    }

    /** Problems with at least one open case, as last counted. */
    public void openProblems(long count) {
        openProblems.set(count);
    }

    public void recurrence() {
        AfterCommit.run(() -> {
            registry.counter("amends_insight_recurrences_total").increment();
        });
    }

    public void spike() {
        AfterCommit.run(() -> {
            registry.counter("amends_insight_spikes_total").increment();
        });
    }

    public void reputationAlert() {
        AfterCommit.run(() -> {
            registry.counter("amends_insight_reputation_alerts_total").increment();
        });
    }

    public void timeToAcknowledge(@Nullable String channel, @Nullable String severity, double seconds) {
        AfterCommit.run(() -> {
            seconds("amends_insight_time_to_acknowledge_seconds", "From a case's opening to its acknowledgement.")
                    .tags("channel", bounded(channel, CHANNELS), "severity", bounded(severity, SEVERITIES))
                    .register(registry)
                    .record(Math.max(0, seconds));
        });
    }

    public void timeToResolve(@Nullable String channel, @Nullable String severity, double seconds) {
        AfterCommit.run(() -> {
            seconds("amends_insight_time_to_resolve_seconds", "From a case's opening to its resolution.")
                    .tags("channel", bounded(channel, CHANNELS), "severity", bounded(severity, SEVERITIES))
                    .register(registry)
                    .record(Math.max(0, seconds));
        });
    }

    public void slaBreach(String clock) {
        AfterCommit.run(() -> {
            registry.counter("amends_insight_sla_breaches_total", "clock", bounded(clock, CLOCKS))
                    .increment();
        });
    }

    public void remedyCost(@Nullable String remedyType, @Nullable String currency, long minorUnits) {
        AfterCommit.run(() -> {
            Counter.builder("amends_insight_remedy_cost_minor_units_total")
                    .description("Value of fulfilled remedies, in minor units of the currency.")
                    .tags("type", code(remedyType, CODE), "currency", code(currency, CURRENCY))
                    .register(registry)
                    .increment(minorUnits);
        });
    }

    public void csat(boolean withRemedy, int rating) {
        AfterCommit.run(() -> {
            DistributionSummary.builder("amends_insight_csat_rating")
                    .description("Customer ratings (1 to 5) of resolved cases.")
                    .tags("with_remedy", Boolean.toString(withRemedy))
                    .serviceLevelObjectives(1, 2, 3, 4, 5)
                    .register(registry)
                    .record(rating);
        });
    }

    public void consumptionLag(String queue, Duration lag) {
        AfterCommit.run(() -> {
            seconds("amends_insight_event_lag_seconds", "From an event's time to its consumption here.")
                    .tags("queue", queue)
                    .register(registry)
                    .record(Math.max(0, lag.toMillis() / 1000.0));
        });
    }

    private static DistributionSummary.Builder seconds(String name, String description) {
        return DistributionSummary.builder(name)
                .description(description)
                .baseUnit("seconds")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue((double) Duration.ofDays(30).toSeconds());
    }

    private static String bounded(@Nullable String value, Set<String> known) {
        return value != null && known.contains(value) ? value : "other";
    }

    private static String code(@Nullable String value, Pattern shape) {
        return value != null && shape.matcher(value.toUpperCase(Locale.ROOT)).matches()
                ? value.toUpperCase(Locale.ROOT)
                : "other";
    }
}
