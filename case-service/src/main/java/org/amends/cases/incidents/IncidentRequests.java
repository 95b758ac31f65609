package org.amends.cases.incidents;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.model.ErrorKind;
import org.amends.cases.lifecycle.model.RootCause;
import org.jspecify.annotations.Nullable;

/** The bodies of the incident requests as received, each checking every rule at once. */
final class IncidentRequests {

    static final int TITLE_MAX = 200;
    static final int PRODUCT_MAX = 100;
    static final int STATEMENT_MAX = 5_000;
    static final int PARTNERS_MAX = 50;
    static final int ROOT_CAUSE_CODE_MAX = 64;
    static final int SUMMARY_MAX = 2_000;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private IncidentRequests() {}

    @Schema(name = "BilingualText", description = "A text for customers in English and Spanish; both required.")
    record Text(@Nullable String en, @Nullable String es) {

        @Nullable
        Bilingual check(String field, InvalidRequestException.Checks checks) {
            checks.required(field + ".en", en, STATEMENT_MAX);
            checks.required(field + ".es", es, STATEMENT_MAX);
            return en == null || es == null || en.isBlank() || es.isBlank()
                    ? null
                    : new Bilingual(en.strip(), es.strip());
        }
    }

    @Schema(name = "RootCauseRequest", description = "Why the mistake happened.")
    record Cause(@Nullable String code, @Nullable String summary) {}

    /** A validated declaration. */
    record Declaration(
            String title,
            String product,
            ErrorKind errorKind,
            Bilingual statement,
            List<String> partners,
            @Nullable Instant startedAt) {}

    @Schema(name = "DeclareIncidentRequest", description = "A known mistake of ours that hits many customers.")
    record Declare(
            @Nullable String title,
            @Nullable String product,
            @Nullable String errorKind,
            @Nullable Text statement,
            @Nullable List<String> partners,

            @Schema(description = "When the mistake began; default now.") @Nullable
            Instant startedAt) {

        Declaration validate() {
            var checks = new InvalidRequestException.Checks();
            checks.required("title", title, TITLE_MAX);
            checks.required("product", product, PRODUCT_MAX);
            var kind = checks.oneOf("errorKind", errorKind, ErrorKind.class, true);
            Bilingual text = null;
            if (statement == null) {
                checks.reject("statement", "is required, as {\"en\": ..., \"es\": ...}");
            } else {
                text = statement.check("statement", checks);
            }
            checkPartners(partners, checks);
            checks.throwIfAny();
            return new Declaration(
                    Objects.requireNonNull(title).strip(),
                    Objects.requireNonNull(product).strip(),
                    Objects.requireNonNull(kind),
                    Objects.requireNonNull(text),
                    partners == null ? List.of() : partners.stream().distinct().toList(),
                    startedAt);
        }
    }

    /** A validated change; null fields stay as they are. */
    record Revision(
            @Nullable String title,
            @Nullable Bilingual statement,
            @Nullable List<String> partners,
            @Nullable IncidentStatus status,
            @Nullable RootCause rootCause) {}

    @Schema(
            name = "ChangeIncidentRequest",
            description = "The fields to change (absent ones stay). `status: RESOLVED` needs `rootCause` and resolves "
                    + "every linked case that has no open work of its own.")
    record Change(
            @Nullable String title,
            @Nullable Text statement,
            @Nullable List<String> partners,
            @Nullable String status,
            @Nullable Cause rootCause) {

        Revision validate() {
            var checks = new InvalidRequestException.Checks();
            if (title != null) {
                checks.required("title", title, TITLE_MAX);
            }
            var text = statement == null ? null : statement.check("statement", checks);
            checkPartners(partners, checks);
            var target = checks.oneOf("status", status, IncidentStatus.class, false);
            RootCause cause = null;
            if (rootCause != null) {
                checks.required("rootCause.code", rootCause.code(), ROOT_CAUSE_CODE_MAX);
                checks.required("rootCause.summary", rootCause.summary(), SUMMARY_MAX);
                if (rootCause.code() != null && rootCause.summary() != null) {
                    cause = new RootCause(
                            rootCause.code().strip(), rootCause.summary().strip());
                }
            }
            if (target == IncidentStatus.RESOLVED && rootCause == null) {
                checks.reject("rootCause", "is required to resolve an incident");
            }
            if (rootCause != null && target != IncidentStatus.RESOLVED) {
                checks.reject("rootCause", "is given only with status RESOLVED");
            }
            checks.throwIfAny();
            return new Revision(
                    title == null ? null : title.strip(),
                    text,
                    partners == null ? null : partners.stream().distinct().toList(),
                    target,
                    cause);
        }
    }

    private static void checkPartners(@Nullable List<String> partners, InvalidRequestException.Checks checks) {
        if (partners == null) {
            return;
        }
        if (partners.size() > PARTNERS_MAX) {
            checks.reject("partners", "must list at most " + PARTNERS_MAX + " partner clients");
        }
        for (int i = 0; i < partners.size(); i++) {
            var id = partners.get(i);
            if (id == null || !CLIENT_ID.matcher(id).matches()) {
                checks.reject("partners." + i, "must be a client id (letters, digits, '.', '_', '-'; 1 to 100)");
            }
        }
    }
}
