package org.amends.remedies.model;

/** A lifecycle step that the remedy's current state does not allow (a 409 problem). */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
