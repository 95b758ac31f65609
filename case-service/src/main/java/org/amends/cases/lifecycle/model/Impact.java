package org.amends.cases.lifecycle.model;

/** How badly the mistake hurt the customer, as reported at intake. */
public enum Impact {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
