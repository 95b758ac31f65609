package org.amends.insight.readmodel;

/**
 * A table kept from the cases as they are applied rather than from the events themselves (spike slots). A rebuild
 * recounts it from the replayed cases, in its own transaction, so it matches them whatever the replay changed.
 */
public interface DerivedFromCases {

    /** Recounts the table from {@code cases}; runs inside the rebuild's transaction, after the replay. */
    void recount();
}
