package org.amends.cases.lifecycle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifecycle rules ({@code amends.lifecycle.*}).
 *
 * @param reopenWindow how long after its resolution a case can still be reopened
 */
@ConfigurationProperties("amends.lifecycle")
public record LifecycleProperties(@DefaultValue("30d") Duration reopenWindow) {}
