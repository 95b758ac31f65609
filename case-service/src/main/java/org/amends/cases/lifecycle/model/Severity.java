package org.amends.cases.lifecycle.model;

/** How urgently we must act, computed by triage; it sets the SLA clocks. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** This severity raised by {@code levels}, capped at {@link #CRITICAL}. */
    public Severity raisedBy(int levels) {
        return values()[Math.min(CRITICAL.ordinal(), ordinal() + Math.max(0, levels))];
    }
}
