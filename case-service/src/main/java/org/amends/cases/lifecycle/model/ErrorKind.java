package org.amends.cases.lifecycle.model;

/** What kind of mistake we made. */
public enum ErrorKind {
    CONCEPT,
    CALCULATION,
    MEASUREMENT,
    APPRECIATION,
    EXECUTION,
    COMMUNICATION,
    OTHER
}
