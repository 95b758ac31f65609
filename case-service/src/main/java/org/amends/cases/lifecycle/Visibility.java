package org.amends.cases.lifecycle;

/** Who may read a timeline entry: staff only, or the customer (and the partner that filed the case) too. */
public enum Visibility {
    INTERNAL,
    CUSTOMER
}
