package org.amends.insight.recurrence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The effectiveness watch ({@code amends.insight.recurrence.*}).
 *
 * @param gracePeriod after an action is marked done, cases opened within this period are still the old mistake
 *     draining out (already in flight), not a recurrence
 */
@ConfigurationProperties("amends.insight.recurrence")
public record RecurrenceProperties(@DefaultValue("7d") Duration gracePeriod) {}
