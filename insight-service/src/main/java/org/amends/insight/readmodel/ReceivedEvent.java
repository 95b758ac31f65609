package org.amends.insight.readmodel;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One event as insight keeps it: envelope facts and its data, live from a queue or replayed from the journal.
 *
 * @param time the CloudEvent's {@code time}: when the change happened, not when it arrived
 */
public record ReceivedEvent(UUID id, String type, String subject, Instant time, JsonNode data) {}
