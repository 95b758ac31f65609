package org.amends.messaging.outbox;

/**
 * When the relay holds bulk events back: a service whose bulk paths ({@link Outbox#addBulk}) could crowd out its live
 * traffic says here when bulk rows should wait (case-service: while live intake is strained, or while its consumers
 * already have enough queued). While they wait, the relay publishes live rows only (and no live row of a subject
 * whose earlier bulk row waits, so each subject's events keep their order); the held rows go out once the pacing
 * lets them, or after {@code amends.outbox.max-bulk-hold} at the latest. Without such a bean nothing is held.
 */
@FunctionalInterface
public interface BulkPacing {

    /** Never holds: the relay publishes every row in order, bulk or not. */
    BulkPacing NEVER = () -> false;

    /** Whether bulk rows should wait now. Called once per relay run; keep it cheap. */
    boolean holdBulk();
}
