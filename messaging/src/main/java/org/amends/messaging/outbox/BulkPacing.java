package org.amends.messaging.outbox;

/**
 * When the relay holds bulk events back: a service whose bulk paths ({@link Outbox#addBulk}) could crowd out its live
 * traffic says here when bulk rows should wait (case-service: while its import writes, while live intake is strained,
 * or while its consumers already have enough queued). While they wait, the relay publishes live rows only (a live row
 * whose subject has an earlier bulk row waiting takes that row with it, first, so each subject's events keep their
 * order); the held rows go out once the pacing lets them, or after {@code amends.outbox.max-bulk-hold} at the latest
 * unless {@link #holdUntilReleased()}. Without such a bean nothing is held.
 */
@FunctionalInterface
public interface BulkPacing {

    /** Never holds: the relay publishes every row in order, bulk or not. */
    BulkPacing NEVER = () -> false;

    /** Whether bulk rows should wait now. Called once per relay run; keep it cheap. */
    boolean holdBulk();

    /**
     * Whether the present hold ends by itself and may outlast {@code amends.outbox.max-bulk-hold} (case-service: its
     * import is still writing, and will finish). A hold for a reason that might last (live traffic strained) must not
     * say so, or a bulk job's events could wait forever. Asked while a hold has lasted that long; keep it cheap.
     */
    default boolean holdUntilReleased() {
        return false;
    }
}
