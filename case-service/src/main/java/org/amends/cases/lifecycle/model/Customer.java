package org.amends.cases.lifecycle.model;

import org.jspecify.annotations.Nullable;

/**
 * The wronged customer's contact facts: personal data, never logged and never put in events.
 *
 * @param locale {@code en} or {@code es}: the language we answer in
 * @param audienceSize followers of the social handle, when known; a large audience raises severity
 */
public record Customer(
        String name,
        @Nullable String email,
        @Nullable String phone,
        String locale,
        @Nullable String socialHandle,
        @Nullable Long audienceSize) {}
