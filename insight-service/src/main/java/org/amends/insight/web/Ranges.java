package org.amends.insight.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.amends.web.InvalidRequestException;
import org.amends.web.InvalidRequestException.FieldViolation;
import org.jspecify.annotations.Nullable;

/** The query parameters every list shares, checked in one place: a time range and bounded pagination. */
public final class Ranges {

    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;

    /** A half-open time range {@code [from, to)}. */
    public record Range(Instant from, Instant to) {}

    private Ranges() {}

    /** {@code to} defaults to now and {@code from} to 30 days before {@code to}; {@code from} must come first. */
    public static Range range(@Nullable Instant from, @Nullable Instant to, Instant now) {
        var end = to != null ? to : now;
        var start = from != null ? from : end.minus(Duration.ofDays(30));
        if (!start.isBefore(end)) {
            throw InvalidRequestException.of("from", "must be before to", start.toString());
        }
        return new Range(start, end);
    }

    public static void page(int limit, int offset) {
        var violations = new ArrayList<FieldViolation>();
        if (limit < 1 || limit > MAX_LIMIT) {
            violations.add(new FieldViolation("limit", "must be 1 to " + MAX_LIMIT, limit));
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            violations.add(new FieldViolation("offset", "must be 0 to " + MAX_OFFSET, offset));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }
}
