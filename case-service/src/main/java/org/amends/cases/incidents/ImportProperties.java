package org.amends.cases.incidents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How lists of affected customers are imported ({@code amends.incidents.import.*}).
 *
 * @param batchSize lines processed per transaction
 * @param pollInterval pause between looks for a job to claim when the worker is idle
 * @param lease how long a claimed job stays with its worker without progress; after that another worker resumes it
 * @param maxLineLength characters per line; a longer line is rejected alone
 * @param maxFailures failed batches (database errors, not bad lines) before the job is marked {@code FAILED}
 */
@ConfigurationProperties("amends.incidents.import")
record ImportProperties(
        @DefaultValue("1000") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("8192") int maxLineLength,
        @DefaultValue("5") int maxFailures) {}
