package org.amends.cases.lifecycle.model;

/** How a case reached us. */
public enum Channel {
    PHONE,
    EMAIL,
    WEB,
    CHAT,
    SOCIAL,
    PARTNER,
    /** We opened it ourselves for a customer an incident affected, before they had to complain. */
    PROACTIVE
}
