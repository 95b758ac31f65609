package org.amends.cases.lifecycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A request that breaks one or more field rules; every broken rule is listed. */
public final class InvalidRequestException extends RuntimeException {

    /** One broken rule. */
    public record FieldViolation(String field, String message) {}

    private final List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(violations.size() + " field(s) are invalid");
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Collects the broken rules of one request, then throws them all at once. */
    public static final class Checks {

        private final List<FieldViolation> violations = new ArrayList<>();

        public Checks reject(String field, String message) {
            violations.add(new FieldViolation(field, message));
            return this;
        }

        /** A page size: {@code fallback} when absent, else a whole number from 1 to {@code max} (else rejected). */
        public int pageSize(String field, @Nullable String value, int fallback, int max) {
            if (value == null) {
                return fallback;
            }
            try {
                var size = Integer.parseInt(value);
                if (size >= 1 && size <= max) {
                    return size;
                }
                reject(field, "must be between 1 and " + max);
            } catch (NumberFormatException e) {
                reject(field, "must be a number");
            }
            return fallback;
        }

        /** A required text: present, not blank, at most {@code max} characters. */
        public Checks required(String field, @Nullable String value, int max) {
            if (value == null || value.isBlank()) {
                return reject(field, "must not be blank");
            }
            return optional(field, value, max);
        }

        /** An optional text: at most {@code max} characters, and no NUL, which PostgreSQL cannot store in text. */
        public Checks optional(String field, @Nullable String value, int max) {
            if (value != null && value.length() > max) {
                reject(field, "must be at most " + max + " characters");
            }
            if (value != null && value.indexOf('\u0000') >= 0) {
                reject(field, "must not contain NUL characters");
            }
            return this;
        }

        public Checks matches(String field, @Nullable String value, Pattern pattern, String message) {
            if (value != null && !pattern.matcher(value).matches()) {
                reject(field, message);
            }
            return this;
        }

        /** Parses an enum value given by name; a missing one is rejected when {@code required}. */
        public <E extends Enum<E>> @Nullable E oneOf(
                String field, @Nullable String value, Class<E> type, boolean required) {
            if (value == null || value.isBlank()) {
                if (required) {
                    reject(field, "must not be blank");
                }
                return null;
            }
            try {
                return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                reject(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
                return null;
            }
        }

        public void throwIfAny() {
            if (!violations.isEmpty()) {
                throw new InvalidRequestException(violations);
            }
        }
    }
}
