package org.amends.remedies.model;

/** Where a remedy is in its lifecycle: proposed → approved | rejected → offered → accepted | declined → fulfilling → fulfilled | failed. */
public enum RemedyState {
    PROPOSED,
    APPROVED,
    REJECTED,
    OFFERED,
    ACCEPTED,
    DECLINED,
    FULFILLING,
    FULFILLED,
    FAILED
}
