package org.amends.cases.incidents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.PreconditionFailedException;
import org.amends.cases.security.Party;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP face of incidents, their updates, the links of cases to them and the imports of affected customers.
 * {@code CaseApiDocument} adds each operation's roles, errors and examples to the OpenAPI document.
 */
@RestController
@Tag(name = IncidentController.TAG)
class IncidentController {

    static final String TAG = "incidents";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final String NDJSON = "application/x-ndjson";
    static final String AFFECTED_EXAMPLE = """
            {"customerRef":"C-1001","name":"Lucía Pérez","email":"lucia@example.com","locale":"es",\
            "orderRef":"INV-2026-11-0042","amountMinor":4599,"currency":"EUR"}
            {"customerRef":"C-1002","name":"John Smith","phone":"+44 20 7946 0958","locale":"en",\
            "amountMinor":1250,"currency":"GBP"}
            """;

    @Schema(name = "IncidentPage", description = "One page of incidents, newest first, and the next page's cursor.")
    record Page(List<IncidentView> items, @Nullable String next) {}

    @Schema(name = "IncidentUpdate", description = "An update of an incident, shown to every linked customer.")
    record Update(long id, Instant at, String actor, Bilingual text) {

        static Update of(Incidents.Update u) {
            return new Update(u.id(), u.at(), u.actor(), u.text());
        }
    }

    @Schema(name = "IncidentUpdates", description = "An incident's updates, oldest first.")
    record Updates(List<Update> items) {}

    @Schema(name = "ImportJobs", description = "An incident's imports of affected customers, newest first.")
    record Jobs(List<AffectedCustomers.JobSummary> items) {}

    @Schema(name = "LinkCaseRequest", description = "The incident to link the case to.")
    record LinkRequest(@Nullable UUID incidentId) {}

    private final IncidentLifecycle incidents;
    private final AffectedCustomers affected;

    IncidentController(IncidentLifecycle incidents, AffectedCustomers affected) {
        this.incidents = incidents;
        this.affected = affected;
    }

    @PostMapping("/api/incidents")
    @Operation(
            operationId = "declareIncident",
            summary = "Declare an incident",
            description = "A known mistake of ours that hits many customers, `OPEN`, with a reference `INC-000042`. "
                    + "From now on a case filed with the same product (any letter case) and error kind is linked to "
                    + "it and acknowledged at once with its statement.")
    @ApiResponse(responseCode = "201", description = "Declared; `Location` and `ETag`.")
    ResponseEntity<IncidentView> declare(@RequestBody IncidentRequests.Declare body, Authentication authentication) {
        var party = Party.of(authentication);
        var incident = incidents.declare(body.validate(), party);
        return ResponseEntity.created(URI.create("/api/incidents/" + incident.id()))
                .eTag(etag(incident.version()))
                .body(incidents.view(incident.id(), party));
    }

    @GetMapping("/api/incidents")
    @Operation(
            operationId = "listIncidents",
            summary = "List incidents",
            description = "Newest first, cursor-paged like cases. A partner sees only the incidents that list it.")
    @ApiResponse(responseCode = "200", description = "One page of incidents.")
    Page list(
            @Parameter(description = "Page size, 1 to 100 (default 20).") @RequestParam(required = false) @Nullable
                    String limit,
            @Parameter(description = "The `next` of the previous page.") @RequestParam(required = false) @Nullable
                    String cursor,
            Authentication authentication) {
        var page = incidents.list(Party.of(authentication), cursor, pageSize(limit));
        return new Page(page.items(), page.next());
    }

    @GetMapping("/api/incidents/{id}")
    @Operation(
            operationId = "getIncident",
            summary = "Read an incident",
            description = "The incident with its linked cases counted by case status. A partner reads only an "
                    + "incident that lists it (any other is 404) and counts only the cases it filed.")
    @ApiResponse(responseCode = "200", description = "The incident; `ETag` carries its version.")
    ResponseEntity<IncidentView> get(@PathVariable UUID id, Authentication authentication) {
        var view = incidents.view(id, Party.of(authentication));
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @PatchMapping(
            path = "/api/incidents/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    @Operation(
            operationId = "changeIncident",
            summary = "Change an incident",
            description = "Changes the given fields. `status`: `OPEN` ⇄ `MITIGATED`, or `RESOLVED` with `rootCause`, "
                    + "which resolves every linked case that is owned (acknowledged, investigating or reopened) and "
                    + "has no remedy still in progress, each publishing `amends.case.resolved.v1`. A resolved "
                    + "incident changes no more (409).")
    @ApiResponse(responseCode = "200", description = "Changed; `ETag` carries the new version.")
    ResponseEntity<IncidentView> change(
            @PathVariable UUID id,
            @RequestBody IncidentRequests.Change body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        var party = Party.of(authentication);
        var revision = body.validate();
        var changed = incidents.change(id, party, version(ifMatch), revision);
        var view = incidents.view(changed.incident().id(), party);
        return ResponseEntity.ok()
                .eTag(etag(view.version()))
                .header("Amends-Cases-Resolved", Integer.toString(changed.casesResolved()))
                .body(view);
    }

    @PostMapping("/api/incidents/{id}/updates")
    @Operation(
            operationId = "postIncidentUpdate",
            summary = "Post an update",
            description =
                    "A bilingual update (`{\"en\": ..., \"es\": ...}`), stored once and shown on the timeline and "
                            + "status page of every linked case, in the customer's language.")
    @ApiResponse(
            responseCode = "201",
            description = "Posted.",
            content = @Content(schema = @Schema(implementation = Update.class)))
    ResponseEntity<Update> postUpdate(
            @PathVariable UUID id, @RequestBody IncidentRequests.Text body, Authentication authentication) {
        var checks = new InvalidRequestException.Checks();
        var text = body.check("text", checks);
        checks.throwIfAny();
        var update = incidents.postUpdate(id, Party.of(authentication), Objects.requireNonNull(text));
        return ResponseEntity.status(HttpStatus.CREATED).body(Update.of(update));
    }

    @GetMapping("/api/incidents/{id}/updates")
    @Operation(operationId = "listIncidentUpdates", summary = "List an incident's updates")
    @ApiResponse(responseCode = "200", description = "The updates, oldest first.")
    Updates updates(@PathVariable UUID id, Authentication authentication) {
        return new Updates(incidents.updates(id, Party.of(authentication)).stream()
                .map(Update::of)
                .toList());
    }

    @PostMapping("/api/incidents/{id}/affected")
    @Operation(operationId = "reportAffectedCustomers", summary = "Report the affected customers", description = """
                    Streamed NDJSON, one customer a line: `customerRef`, `name`, `email` and/or `phone`, `locale` \
                    (`en`/`es`), optional `orderRef`, `amountMinor` with `currency`. Stored at once and processed in \
                    the background: each customer gets a `PROACTIVE` case linked to the incident and acknowledged \
                    with its statement. A `customerRef` already reported for this incident creates nothing (a \
                    duplicate); a malformed line is rejected alone. Supervisors, admins, and partners the incident \
                    lists (any other partner: 404).""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            description = "One JSON object a line (UTF-8, `\\n` between lines), streamed: the body may be far larger "
                    + "than the 1 MB of other bodies (up to the gateway's bulk limit, 512 MB by default).",
            content =
                    @Content(
                            mediaType = NDJSON,
                            schema = @Schema(type = "string", description = "NDJSON, one `AffectedCustomer` a line."),
                            examples = @ExampleObject(name = "twoCustomers", value = AFFECTED_EXAMPLE)))
    @ApiResponse(responseCode = "202", description = "Accepted; `Location: /api/jobs/{jobId}` follows the import.")
    ResponseEntity<AffectedCustomers.Job> reportAffected(
            @PathVariable UUID id, HttpServletRequest request, Authentication authentication) throws IOException {
        var party = Party.of(authentication);
        var jobId = affected.upload(id, party, request.getInputStream());
        return ResponseEntity.accepted()
                .location(URI.create("/api/jobs/" + jobId))
                .body(affected.job(jobId, party));
    }

    @GetMapping("/api/incidents/{id}/jobs")
    @Operation(
            operationId = "listImportJobs",
            summary = "List an incident's imports",
            description = "The imports of affected customers into this incident, newest first, with their state and "
                    + "counts: every one for supervisors, only its own for a partner the incident lists.")
    @ApiResponse(responseCode = "200", description = "The imports, newest first.")
    Jobs jobs(
            @PathVariable UUID id,
            @Parameter(description = "At most this many, 1 to 100 (default 20).")
                    @RequestParam(required = false)
                    @Nullable
                    String limit,
            Authentication authentication) {
        return new Jobs(affected.jobs(id, Party.of(authentication), pageSize(limit)));
    }

    /** A page size from the {@code limit} parameter: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} if absent. */
    private static int pageSize(@Nullable String limit) {
        var checks = new InvalidRequestException.Checks();
        var size = checks.pageSize("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        checks.throwIfAny();
        return size;
    }

    @GetMapping("/api/jobs/{jobId}")
    @Operation(
            operationId = "getImportJob",
            summary = "Follow an import",
            description = "`state` (`QUEUED`, `RUNNING`, `COMPLETED`, `FAILED`), the counts, and the rejected lines "
                    + "(the first 1000) by line number with the reason. The uploader and supervisors only.")
    @ApiResponse(responseCode = "200", description = "The job.")
    AffectedCustomers.Job job(@PathVariable UUID jobId, Authentication authentication) {
        return affected.job(jobId, Party.of(authentication));
    }

    @GetMapping("/api/cases/{id}/incident")
    @Operation(operationId = "getCaseIncident", summary = "Read the incident a case is linked to")
    @ApiResponse(responseCode = "200", description = "The link; 404 when the case is linked to none.")
    IncidentLifecycle.Link linkOf(@PathVariable UUID id, Authentication authentication) {
        return incidents.linkOf(id, Party.of(authentication));
    }

    @PutMapping("/api/cases/{id}/incident")
    @Operation(
            operationId = "linkCaseToIncident",
            summary = "Link a case to an incident",
            description = "Agents link by hand; a case not yet acknowledged is acknowledged with the incident's "
                    + "statement. A resolved incident takes no more cases (409).")
    @ApiResponse(responseCode = "200", description = "Linked.")
    IncidentLifecycle.Link link(@PathVariable UUID id, @RequestBody LinkRequest body, Authentication authentication) {
        if (body.incidentId() == null) {
            throw new InvalidRequestException(
                    List.of(new InvalidRequestException.FieldViolation("incidentId", "is required")));
        }
        return incidents.link(id, body.incidentId(), Party.of(authentication));
    }

    @DeleteMapping("/api/cases/{id}/incident")
    @Operation(operationId = "unlinkCaseFromIncident", summary = "Unlink a case from its incident")
    @ApiResponse(responseCode = "204", description = "Unlinked; 404 when it was linked to none.")
    ResponseEntity<Void> unlink(@PathVariable UUID id) {
        if (!incidents.unlink(id)) {
            throw new IncidentNotFoundException("incident linked to this case");
        }
        return ResponseEntity.noContent().build();
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        var value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Long.parseLong(value.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("If-Match " + ifMatch + " names no version of this incident");
        }
    }
}
