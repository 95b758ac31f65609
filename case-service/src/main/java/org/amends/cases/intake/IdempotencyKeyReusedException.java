package org.amends.cases.intake;

/** An {@code Idempotency-Key} the same party already used for a different request body. */
public final class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("this Idempotency-Key was already used with a different request body");
    }
}
