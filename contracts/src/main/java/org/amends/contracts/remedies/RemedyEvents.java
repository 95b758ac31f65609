package org.amends.contracts.remedies;

import java.util.List;
import org.amends.contracts.EventType;

/** The event types remedy-service publishes: one per step of a remedy's lifecycle. */
public final class RemedyEvents {

    public static final String SOURCE = "/remedy-service";

    public static final EventType<RemedyProposed> PROPOSED =
            new EventType<>("amends.remedy.proposed.v1", RemedyProposed.class);
    public static final EventType<RemedyApproved> APPROVED =
            new EventType<>("amends.remedy.approved.v1", RemedyApproved.class);
    public static final EventType<RemedyRejected> REJECTED =
            new EventType<>("amends.remedy.rejected.v1", RemedyRejected.class);
    public static final EventType<RemedyOffered> OFFERED =
            new EventType<>("amends.remedy.offered.v1", RemedyOffered.class);
    public static final EventType<RemedyAccepted> ACCEPTED =
            new EventType<>("amends.remedy.accepted.v1", RemedyAccepted.class);
    public static final EventType<RemedyDeclined> DECLINED =
            new EventType<>("amends.remedy.declined.v1", RemedyDeclined.class);
    public static final EventType<RemedyFulfilling> FULFILLING =
            new EventType<>("amends.remedy.fulfilling.v1", RemedyFulfilling.class);
    public static final EventType<RemedyFulfilled> FULFILLED =
            new EventType<>("amends.remedy.fulfilled.v1", RemedyFulfilled.class);
    public static final EventType<RemedyFailed> FAILED = new EventType<>("amends.remedy.failed.v1", RemedyFailed.class);

    public static final List<EventType<?>> ALL =
            List.of(PROPOSED, APPROVED, REJECTED, OFFERED, ACCEPTED, DECLINED, FULFILLING, FULFILLED, FAILED);

    private RemedyEvents() {}
}
