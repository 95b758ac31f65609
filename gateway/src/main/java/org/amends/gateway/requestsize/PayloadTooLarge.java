package org.amends.gateway.requestsize;

import org.springframework.util.unit.DataSize;

/** Raised when a request body without a (truthful) Content-Length grows past the limit while it streams upstream. */
public final class PayloadTooLarge extends RuntimeException {

    PayloadTooLarge(DataSize max) {
        super("The request body is larger than the limit of " + max.toBytes() + " bytes.");
    }
}
