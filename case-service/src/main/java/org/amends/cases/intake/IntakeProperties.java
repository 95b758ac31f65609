package org.amends.cases.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Intake settings ({@code amends.intake.*}).
 *
 * @param idempotencyRetention how long an {@code Idempotency-Key} and its first answer are kept; a retry after that
 *     files a new case
 * @param idempotencyPurgeInterval pause between purges of expired keys
 */
@ConfigurationProperties("amends.intake")
public record IntakeProperties(
        @DefaultValue("7d") Duration idempotencyRetention,
        @DefaultValue("1h") Duration idempotencyPurgeInterval) {}
