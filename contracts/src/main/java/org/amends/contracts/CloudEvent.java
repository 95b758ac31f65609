package org.amends.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode, as every Amends service publishes it.
 *
 * @param specversion always {@code 1.0}
 * @param id unique per event: the consumers' deduplication key
 * @param source the producing service, e.g. {@code /case-service}
 * @param type the versioned type, e.g. {@code amends.case.opened.v1}
 * @param subject the case id: the ordering key
 * @param time when the change happened
 * @param datacontenttype always {@code application/json}
 * @param data the type's data record
 * @param <T> the data record
 */
public record CloudEvent<T>(
        String specversion,
        UUID id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";

    /** AMQP content type of a structured-mode CloudEvent. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** A new event of the given type about one case. */
    public static <T> CloudEvent<T> of(
            EventType<T> type, UUID id, String source, String subject, Instant time, T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type.type(), subject, time, "application/json", data);
    }
}
