package org.amends.cases.privacy;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** No customer with that id or contact: never held, or erased and forgotten. */
public final class CustomerNotFoundException extends RuntimeException {

    CustomerNotFoundException(@Nullable UUID id) {
        super(id == null ? "no customer with that contact" : "no customer " + id);
    }
}
