package org.amends.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request that breaks field rules: a 400 {@code validation} problem listing each broken rule (remedy-service and
 * insight-service; case-service has its own, with the field checks of intake).
 */
public class InvalidRequestException extends RuntimeException {

    /** One broken rule of one field. */
    public record FieldViolation(
            String field, String message, @Nullable Object rejected) {}

    private final List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super("invalid request: " + violations);
        this.violations = List.copyOf(violations);
    }

    public static InvalidRequestException of(String field, String message, @Nullable Object rejected) {
        return new InvalidRequestException(List.of(new FieldViolation(field, message, rejected)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
