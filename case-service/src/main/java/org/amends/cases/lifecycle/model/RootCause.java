package org.amends.cases.lifecycle.model;

/**
 * Why the mistake happened, set at resolution.
 *
 * @param code shared by cases with the same root cause, e.g. {@code BILLING-RUN-DOUBLE-CHARGE}
 */
public record RootCause(String code, String summary) {}
