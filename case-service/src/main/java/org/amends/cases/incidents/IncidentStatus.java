package org.amends.cases.incidents;

/** Where an incident stands. Only a resolved incident stops taking new cases. */
public enum IncidentStatus {
    OPEN,
    MITIGATED,
    RESOLVED
}
