package org.amends.cases.incidents;

import java.util.Map;

/**
 * The incident API's response records by their schema names, so that the OpenAPI document can mark which properties
 * are required and which may be null from their JSpecify nullness, as it does for cases.
 */
public final class IncidentApiRecords {

    /** Schema name → the record behind it. */
    public static final Map<String, Class<? extends Record>> RESPONSE_RECORDS = Map.ofEntries(
            Map.entry("IncidentView", IncidentView.class),
            Map.entry("LinkedCases", IncidentView.LinkedCases.class),
            Map.entry("Bilingual", Bilingual.class),
            Map.entry("IncidentPage", IncidentController.Page.class),
            Map.entry("IncidentUpdate", IncidentController.Update.class),
            Map.entry("IncidentUpdates", IncidentController.Updates.class),
            Map.entry("ImportJob", AffectedCustomers.Job.class),
            Map.entry("ImportJobSummary", AffectedCustomers.JobSummary.class),
            Map.entry("ImportJobs", IncidentController.Jobs.class),
            Map.entry("RejectedLine", AffectedCustomers.RejectedLine.class),
            Map.entry("CaseIncidentLink", IncidentLifecycle.Link.class));

    private IncidentApiRecords() {}
}
