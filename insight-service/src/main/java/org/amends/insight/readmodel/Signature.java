package org.amends.insight.readmodel;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What makes cases one problem: the product and the error kind. The problem id is derived from it, so a rebuild gives
 * every problem the id it had.
 */
public record Signature(String product, String errorKind) {

    public UUID problemId() {
        return UUID.nameUUIDFromBytes(("problem:" + text()).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code product/errorKind}, as events and the API show it. */
    public String text() {
        return product + "/" + errorKind;
    }
}
