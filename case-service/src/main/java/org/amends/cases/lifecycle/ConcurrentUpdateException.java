package org.amends.cases.lifecycle;

/** Another request changed the case between our read and our write; the caller should read it again. */
public final class ConcurrentUpdateException extends RuntimeException {

    public ConcurrentUpdateException(String reference) {
        super("case " + reference + " was changed by another request meanwhile; read it again and retry");
    }
}
