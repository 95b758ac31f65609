package org.amends.cases.lifecycle;

import java.util.UUID;

/** No case with that id that the caller may see: a partner asking for another's case gets this too, not a 403. */
public final class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(UUID id) {
        super("no case " + id);
    }
}
