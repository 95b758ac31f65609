package org.amends.insight.alerts;

/** What an alert is about. */
public enum AlertKind {
    RECURRENCE,
    SPIKE,
    REPUTATION
}
