package org.amends.remedies.model;

/**
 * How an accepted remedy is delivered: the internal credit ledger, a partner system through a signed webhook, or the
 * support team itself (an apology, an expedited service, a goodwill gesture).
 */
public enum Channel {
    LEDGER,
    PARTNER,
    DIRECT
}
