package org.amends.insight.corrective;

/** Where a corrective action stands. {@code INEFFECTIVE} is set only by the recurrence watch. */
public enum ActionStatus {
    PLANNED,
    IN_PROGRESS,
    DONE,
    INEFFECTIVE
}
