package org.amends.cases.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.amends.cases.intake.CaseIntake;
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

/** The HTTP face of cases: translates requests to intake and lifecycle calls and cases to JSON with their ETag. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    record Page(List<CaseView> items, @Nullable String next) {}

    record Timeline(List<TimelineEntry> entries) {}

    record Acknowledgement(
            String message, @JsonProperty("case") CaseView acknowledged) {}

    record Preview(String message, String locale) {}

    private final CaseIntake intake;
    private final CaseLifecycle lifecycle;

    CaseController(CaseIntake intake, CaseLifecycle lifecycle) {
        this.intake = intake;
        this.lifecycle = lifecycle;
    }

    @PostMapping
    ResponseEntity<String> open(
            @RequestBody OpenCaseRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            Authentication authentication) {
        var answer = intake.open(request, Party.of(authentication), idempotencyKey);
        return ResponseEntity.status(answer.status())
                .location(URI.create(answer.location()))
                .eTag(etag(answer.version()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer.body());
    }

    @GetMapping("/{id}")
    ResponseEntity<CaseView> get(@PathVariable UUID id, Authentication authentication) {
        return view(lifecycle.get(id, Party.of(authentication)));
    }

    @GetMapping
    Page list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable String errorKind,
            @RequestParam(required = false) @Nullable String breached,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor,
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
        int pageSize = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                pageSize = Integer.parseInt(limit);
                if (pageSize < 1 || pageSize > MAX_LIMIT) {
                    checks.reject("limit", "must be between 1 and " + MAX_LIMIT);
                }
            } catch (NumberFormatException e) {
                checks.reject("limit", "must be a number");
            }
        }
        checks.throwIfAny();
        var page = lifecycle.list(filter, cursor, pageSize);
        return new Page(page.items().stream().map(CaseView::of).toList(), page.next());
    }

    @GetMapping("/{id}/timeline")
    Timeline timeline(@PathVariable UUID id, Authentication authentication) {
        return new Timeline(lifecycle.timeline(id, Party.of(authentication)));
    }

    @GetMapping("/{id}/acknowledgement/preview")
    Preview preview(@PathVariable UUID id, Authentication authentication) {
        var party = Party.of(authentication);
        var aCase = lifecycle.get(id, party);
        return new Preview(
                lifecycle.previewAcknowledgement(id, party), aCase.customer().locale());
    }

    @PostMapping("/{id}/acknowledgement")
    ResponseEntity<Acknowledgement> acknowledge(
            @PathVariable UUID id,
            @RequestBody(required = false) CaseRequests.@Nullable Acknowledge body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        var message = body == null ? null : body.validMessage();
        var done = lifecycle.acknowledge(id, Party.of(authentication), version(ifMatch), message);
        return ResponseEntity.ok()
                .eTag(etag(done.acknowledged().version()))
                .body(new Acknowledgement(done.message(), CaseView.of(done.acknowledged())));
    }

    @PostMapping("/{id}/investigation")
    ResponseEntity<CaseView> investigate(
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        return view(lifecycle.investigate(id, Party.of(authentication), version(ifMatch)));
    }

    @PostMapping("/{id}/resolution")
    ResponseEntity<CaseView> resolve(
            @PathVariable UUID id,
            @RequestBody CaseRequests.Resolve body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        var rootCause = body.validRootCause();
        return view(lifecycle.resolve(id, Party.of(authentication), version(ifMatch), rootCause));
    }

    @PostMapping("/{id}/closure")
    ResponseEntity<CaseView> close(
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        return view(lifecycle.close(id, Party.of(authentication), version(ifMatch)));
    }

    @PostMapping("/{id}/reopening")
    ResponseEntity<CaseView> reopen(
            @PathVariable UUID id,
            @RequestBody CaseRequests.Reopen body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            Authentication authentication) {
        var reason = body.validReason();
        return view(lifecycle.reopen(id, Party.of(authentication), version(ifMatch), reason));
    }

    @PostMapping("/{id}/notes")
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
