package org.amends.cases.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.amends.cases.intake.CaseIntake;
import org.amends.cases.intake.IntakePressure;
import org.amends.cases.intake.OpenCaseRequest;
import org.amends.cases.lifecycle.CaseLifecycle;
import org.amends.cases.lifecycle.CaseView;
import org.amends.cases.lifecycle.Cases;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.PreconditionFailedException;
import org.amends.cases.lifecycle.TimelineEntry;
import org.amends.cases.lifecycle.model.Case;
import org.amends.cases.lifecycle.model.CaseStatus;
import org.amends.cases.lifecycle.model.Channel;
import org.amends.cases.lifecycle.model.ErrorKind;
import org.amends.cases.lifecycle.model.Severity;
import org.amends.cases.security.Party;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP face of cases: translates requests to intake and lifecycle calls and cases to JSON with their ETag. What
 * the code cannot say about the API (roles, errors, headers, examples) is added by {@link CaseApiDocument}.
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = CaseApiDocument.TAG)
class CaseController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    @Schema(name = "CasePage", description = "One page of cases, newest first, and the cursor of the next page.")
    record Page(
            List<CaseView> items,

            @Schema(description = "Pass as `cursor` to get the next page; null on the last page.") @Nullable
            String next) {}

    @Schema(name = "CaseTimeline", description = "A case's history, oldest entry first.")
    record Timeline(List<TimelineEntry> entries) {}

    @Schema(
            description = "The mea-culpa as sent to the customer, the acknowledged case and the link to the "
                    + "customer's status page (given only here: the service keeps just a hash of its token).")
    record Acknowledgement(
            String message, @JsonProperty("case") CaseView acknowledged, String statusLink) {}

    @Schema(
            name = "AcknowledgementPreview",
            description = "The mea-culpa that acknowledging would send, in the customer's language.")
    record Preview(String message, String locale) {}

    private final CaseIntake intake;
    private final CaseLifecycle lifecycle;
    private final IntakePressure pressure;

    CaseController(CaseIntake intake, CaseLifecycle lifecycle, IntakePressure pressure) {
        this.intake = intake;
        this.lifecycle = lifecycle;
        this.pressure = pressure;
    }

    @PostMapping
    @Operation(operationId = "fileCase", summary = "File a case", description = """
                    Takes a case in: checks every field rule at once, triages it (severity from impact, channel, \
                    audience and sentiment), starts its SLA clocks and publishes `amends.case.opened.v1`. A partner's \
                    `channel` defaults to `PARTNER`; an agent must give one. Send an `Idempotency-Key` so that a retry \
                    after a timeout returns the first answer instead of filing a second case.""")
    @ApiResponse(
            responseCode = "201",
            description = "Filed (or, for a repeated `Idempotency-Key` and body, the first answer again).",
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    ResponseEntity<String> open(
            @RequestBody OpenCaseRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            Authentication authentication) {
        var started = System.nanoTime();
        var answer = intake.open(request, Party.of(authentication), idempotencyKey);
        pressure.record(started);
        return ResponseEntity.status(answer.status())
                .location(URI.create(answer.location()))
                .eTag(etag(answer.version()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer.body());
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getCase",
            summary = "Read a case",
            description = "The case with its triage, SLA due times and breaches. A partner reads only the cases it "
                    + "filed; any other id is 404.")
    @ApiResponse(responseCode = "200", description = "The case; `ETag` carries its version.")
    ResponseEntity<CaseView> get(@PathVariable UUID id, Authentication authentication) {
        return view(lifecycle.get(id, Party.of(authentication)));
    }

    @GetMapping
    @Operation(operationId = "listCases", summary = "List cases", description = """
                    Newest first, filtered by any combination of the query parameters. Cursor pagination: the \
                    answer's `next` is an opaque cursor; pass it as `cursor` (with the same filters) for the next \
                    page, until `next` is null. Cursors stay valid while cases are added: a page never repeats or \
                    skips a case. A partner sees only the cases it filed.""")
    @ApiResponse(responseCode = "200", description = "One page of cases.")
    Page list(
            @Parameter(description = "Only cases in this status.", schema = @Schema(implementation = CaseStatus.class))
                    @RequestParam(required = false)
                    @Nullable
                    String status,
            @Parameter(description = "Only cases of this severity.", schema = @Schema(implementation = Severity.class))
                    @RequestParam(required = false)
                    @Nullable
                    String severity,
            @Parameter(
                            description = "Only cases that came in through this channel.",
                            schema = @Schema(implementation = Channel.class))
                    @RequestParam(required = false)
                    @Nullable
                    String channel,
            @Parameter(
                            description = "Only cases of this kind of mistake.",
                            schema = @Schema(implementation = ErrorKind.class))
                    @RequestParam(required = false)
                    @Nullable
                    String errorKind,
            @Parameter(
                            description = "`true`: only cases with a breached SLA clock; `false` or absent: all.",
                            schema = @Schema(type = "boolean"))
                    @RequestParam(required = false)
                    @Nullable
                    String breached,
            @Parameter(
                            description = "Page size.",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "100",
                                            defaultValue = "20"))
                    @RequestParam(required = false)
                    @Nullable
                    String limit,
            @Parameter(
                            description = "The `next` of the previous page; absent for the first page.",
                            example = CaseApiDocument.EXAMPLE_CURSOR)
                    @RequestParam(required = false)
                    @Nullable
                    String cursor,
            Authentication authentication) {
        var party = Party.of(authentication);
        var checks = new InvalidRequestException.Checks();
        var filter = new Cases.Filter(
                checks.oneOf("status", status, CaseStatus.class, false),
                checks.oneOf("severity", severity, Severity.class, false),
                checks.oneOf("channel", channel, Channel.class, false),
                checks.oneOf("errorKind", errorKind, ErrorKind.class, false),
                "true".equalsIgnoreCase(breached),
                party.isPartner() ? party.asSubmitter() : null);
        if (breached != null && !breached.equalsIgnoreCase("true") && !breached.equalsIgnoreCase("false")) {
            checks.reject("breached", "must be true or false");
        }
        var pageSize = checks.pageSize("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        checks.throwIfAny();
        var page = lifecycle.list(filter, cursor, pageSize);
        return new Page(page.items().stream().map(CaseView::of).toList(), page.next());
    }

    @GetMapping("/{id}/timeline")
    @Operation(
            operationId = "getTimeline",
            summary = "Read a case's timeline",
            description = "Everything that happened to the case, oldest first. Partners see only the entries the "
                    + "customer may see (`visibility: CUSTOMER`); staff see internal notes too.")
    @ApiResponse(responseCode = "200", description = "The timeline.")
    Timeline timeline(@PathVariable UUID id, Authentication authentication) {
        return new Timeline(lifecycle.timeline(id, Party.of(authentication)));
    }

    @GetMapping("/{id}/acknowledgement/preview")
    @Operation(
            operationId = "previewAcknowledgement",
            summary = "Preview the mea-culpa",
            description = "The acknowledgement the template would send for this case, in the customer's language "
                    + "(`en` or `es`), naming the mistake. An agent may edit it before acknowledging.")
    @ApiResponse(responseCode = "200", description = "The rendered acknowledgement.")
    Preview preview(@PathVariable UUID id, Authentication authentication) {
        var party = Party.of(authentication);
        var aCase = lifecycle.get(id, party);
        return new Preview(
                lifecycle.previewAcknowledgement(id, party), aCase.customer().locale());
    }

    @PostMapping("/{id}/acknowledgement")
    @Operation(
            operationId = "acknowledgeCase",
            summary = "Acknowledge a case",
            description = "Sends the mea-culpa and stops the acknowledgement clock: `RECEIVED` → `ACKNOWLEDGED`, "
                    + "publishes `amends.case.acknowledged.v1`. Without a body (or without `message`) the template "
                    + "is sent; with `message`, the agent's edited text.")
    @ApiResponse(responseCode = "200", description = "Acknowledged; `ETag` carries the new version.")
    ResponseEntity<Acknowledgement> acknowledge(
            @PathVariable UUID id,
            @RequestBody(required = false) CaseRequests.@Nullable Acknowledge body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        var message = body == null ? null : body.validMessage();
        var done = lifecycle.acknowledge(id, Party.of(authentication), version(ifMatch), message);
        return ResponseEntity.ok()
                .eTag(etag(done.acknowledged().version()))
                .body(new Acknowledgement(done.message(), CaseView.of(done.acknowledged()), done.statusLink()));
    }

    @PostMapping("/{id}/investigation")
    @Operation(
            operationId = "startInvestigation",
            summary = "Start investigating",
            description = "`ACKNOWLEDGED` or `REOPENED` → `INVESTIGATING`.")
    @ApiResponse(responseCode = "200", description = "Investigating; `ETag` carries the new version.")
    ResponseEntity<CaseView> investigate(
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        return view(lifecycle.investigate(id, Party.of(authentication), version(ifMatch)));
    }

    @PostMapping("/{id}/resolution")
    @Operation(
            operationId = "resolveCase",
            summary = "Resolve a case",
            description = "Records the root cause and stops the resolution clock: `ACKNOWLEDGED`, `INVESTIGATING` "
                    + "or `REOPENED` → `RESOLVED`, publishes `amends.case.resolved.v1`.")
    @ApiResponse(responseCode = "200", description = "Resolved; `ETag` carries the new version.")
    ResponseEntity<CaseView> resolve(
            @PathVariable UUID id,
            @RequestBody CaseRequests.Resolve body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        var rootCause = body.validRootCause();
        return view(lifecycle.resolve(id, Party.of(authentication), version(ifMatch), rootCause));
    }

    @PostMapping("/{id}/closure")
    @Operation(
            operationId = "closeCase",
            summary = "Close a case",
            description = "`RESOLVED` → `CLOSED`, publishes `amends.case.closed.v1`.")
    @ApiResponse(responseCode = "200", description = "Closed; `ETag` carries the new version.")
    ResponseEntity<CaseView> close(
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        return view(lifecycle.close(id, Party.of(authentication), version(ifMatch)));
    }

    @PostMapping("/{id}/reopening")
    @Operation(
            operationId = "reopenCase",
            summary = "Reopen a case",
            description = "`RESOLVED` or `CLOSED` → `REOPENED` within the reopen window (30 days after resolution "
                    + "by default), publishes `amends.case.reopened.v1`.")
    @ApiResponse(responseCode = "200", description = "Reopened; `ETag` carries the new version.")
    ResponseEntity<CaseView> reopen(
            @PathVariable UUID id,
            @RequestBody CaseRequests.Reopen body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        var reason = body.validReason();
        return view(lifecycle.reopen(id, Party.of(authentication), version(ifMatch), reason));
    }

    @PostMapping("/{id}/notes")
    @Operation(
            operationId = "addNote",
            summary = "Add a note to the timeline",
            description = "Staff add `INTERNAL` or `CUSTOMER` notes; a partner adds `CUSTOMER` notes to the cases it "
                    + "filed. `If-Match` is checked, but a note does not change the case's version.")
    @ApiResponse(
            responseCode = "201",
            description = "The note as added to the timeline.",
            content = @Content(schema = @Schema(implementation = TimelineEntry.class)))
    ResponseEntity<TimelineEntry> note(
            @PathVariable UUID id,
            @RequestBody CaseRequests.Note body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        var visibility = body.validVisibility();
        var entry = lifecycle.addNote(
                id,
                Party.of(authentication),
                version(ifMatch),
                Objects.requireNonNull(body.text()).strip(),
                visibility);
        return ResponseEntity.status(HttpStatus.CREATED).body(entry);
    }

    private static ResponseEntity<CaseView> view(Case aCase) {
        return ResponseEntity.ok().eTag(etag(aCase.version())).body(CaseView.of(aCase));
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} names; null for none or {@code *}. */
    private static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        var value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("If-Match " + ifMatch + " names no version of this case");
        }
    }
}
