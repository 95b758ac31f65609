package org.amends.cases.lifecycle;

/** The caller's {@code If-Match} names a version the case no longer has. */
public final class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }

    public PreconditionFailedException(long expected, long actual) {
        this("If-Match names version " + expected + " but the case is at version " + actual);
    }
}
