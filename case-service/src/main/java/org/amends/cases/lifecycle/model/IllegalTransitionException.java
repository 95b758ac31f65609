package org.amends.cases.lifecycle.model;

/** A lifecycle step the case's current state does not allow. */
public final class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
