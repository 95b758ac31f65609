package org.amends.insight.corrective;

/** The action's status does not allow the change asked for: a 409 {@code illegal-transition} problem. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
