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
 * @param yieldAbove live intake is strained when the slowest tenth of its recent requests took longer than this; the
 *     import then waits before its next batch, and the outbox relay holds the import's events back
 * @param yieldWindow how far back "recent" reaches
 * @param yieldPause how long the import waits before it asks again
 * @param maxYield the longest it waits before taking one batch anyway (so a job always progresses)
 * @param maxQueuedEvents the outbox relay also holds the import's events back while a consumer queue of case events
 *     holds more than this many messages, so a slow consumer is handed an import at its own pace and live events
 *     do not queue behind thousands of bulk ones
 * @param holdEventsWhileImporting the outbox relay holds the import's events back while this instance's import is
 *     still writing (until it ends, beyond the relay's {@code max-bulk-hold}), so the consumers apply them after the
 *     job instead of competing with it and with live intake for the cores
 * @param nice the import thread's nice value on Linux (0 to 19; 0 leaves it as it is): the kernel gives it only the
 *     cores' time live work leaves
 */
@ConfigurationProperties("amends.incidents.import")
record ImportProperties(
        @DefaultValue("1000") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("8192") int maxLineLength,
        @DefaultValue("5") int maxFailures,
        @DefaultValue("50ms") Duration yieldAbove,
        @DefaultValue("2s") Duration yieldWindow,
        @DefaultValue("200ms") Duration yieldPause,
        @DefaultValue("10s") Duration maxYield,
        @DefaultValue("1000") int maxQueuedEvents,
        @DefaultValue("true") boolean holdEventsWhileImporting,
        @DefaultValue("19") int nice) {

    ImportProperties {
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("amends.incidents.import.nice must be between 0 and 19, was " + nice);
        }
    }
}
