package org.amends.cases.lifecycle.model;

/** Where a case stands in its lifecycle. */
public enum CaseStatus {
    RECEIVED,
    ACKNOWLEDGED,
    INVESTIGATING,
    RESOLVED,
    CLOSED,
    REOPENED
}
