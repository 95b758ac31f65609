package org.amends.cases.incidents;

/** No incident or import job with this id that the caller may see: one answer for both, so nothing leaks. */
public final class IncidentNotFoundException extends RuntimeException {

    public IncidentNotFoundException(String what) {
        super("No such " + what + ".");
    }
}
