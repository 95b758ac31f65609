package org.amends.cases.lifecycle.model;

import org.jspecify.annotations.Nullable;

/** What went wrong, as the customer or the agent described it at intake. */
public record Complaint(
        String product,
        ErrorKind errorKind,
        String summary,
        String description,
        Impact impact,
        @Nullable String orderReference) {}
