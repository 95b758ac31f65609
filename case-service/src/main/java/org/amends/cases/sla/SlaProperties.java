package org.amends.cases.sla;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.amends.cases.lifecycle.model.Severity;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SLA targets by severity and how often the clock looks for breaches ({@code amends.sla.*}), e.g.
 * {@code amends.sla.acknowledge.low=24h}. A severity left out keeps its default.
 *
 * @param acknowledge time from intake to the mea-culpa acknowledgement
 * @param resolve time from intake to resolution
 * @param scanInterval pause between breach scans
 * @param batchSize breaches recorded per clock and transaction
 */
@ConfigurationProperties("amends.sla")
public record SlaProperties(
        @Nullable Map<Severity, Duration> acknowledge,
        @Nullable Map<Severity, Duration> resolve,
        @DefaultValue("10s") Duration scanInterval,
        @DefaultValue("100") int batchSize) {

    private static final Map<Severity, Duration> ACKNOWLEDGE_DEFAULTS = Map.of(
            Severity.CRITICAL, Duration.ofMinutes(15),
            Severity.HIGH, Duration.ofHours(1),
            Severity.MEDIUM, Duration.ofHours(4),
            Severity.LOW, Duration.ofHours(24));

    private static final Map<Severity, Duration> RESOLVE_DEFAULTS = Map.of(
            Severity.CRITICAL, Duration.ofHours(4),
            Severity.HIGH, Duration.ofHours(24),
            Severity.MEDIUM, Duration.ofHours(72),
            Severity.LOW, Duration.ofDays(7));

    public SlaProperties {
        acknowledge = withDefaults(acknowledge, ACKNOWLEDGE_DEFAULTS);
        resolve = withDefaults(resolve, RESOLVE_DEFAULTS);
    }

    private static Map<Severity, Duration> withDefaults(
            @Nullable Map<Severity, Duration> configured, Map<Severity, Duration> defaults) {
        var merged = new EnumMap<Severity, Duration>(defaults);
        if (configured != null) {
            merged.putAll(configured);
        }
        return Map.copyOf(merged);
    }

    public Duration acknowledgeWithin(Severity severity) {
        return Objects.requireNonNull(acknowledge).get(severity);
    }

    public Duration resolveWithin(Severity severity) {
        return Objects.requireNonNull(resolve).get(severity);
    }
}
