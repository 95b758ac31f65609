package org.amends.cases.lifecycle;

import java.time.Instant;

/** One line of a case's history. */
public record TimelineEntry(Instant at, String kind, String actor, Visibility visibility, String text) {}
