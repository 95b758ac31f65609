package org.amends.cases.lifecycle.model;

/** How a case reached us. */
public enum Channel {
    PHONE,
    EMAIL,
    WEB,
    CHAT,
    SOCIAL,
    PARTNER
}
