package org.amends.cases.privacy;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.contracts.cases.CaseCustomerErased;
import org.amends.contracts.cases.CaseEvents;
import org.amends.messaging.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Export and erasure of one customer's data, each audited in the same transaction as what it did. */
@Service
public class CustomerPrivacy {

    /** The customer a contact maps to. */
    @Schema(name = "CustomerFound")
    public record Found(UUID customerId) {}

    /** What case-service holds about one customer, and where the rest lives. */
    @Schema(name = "CustomerExport")
    public record Export(
            UUID customerId,
            List<String> contacts,
            @Nullable Instant erasedAt,
            List<CustomerData.CaseRecord> cases,
            List<AuditLog.Entry> audit,
            List<String> elsewhere) {}

    /** The outcome of an erasure; {@code alreadyErased} when an earlier request did it. */
    @Schema(name = "CustomerErasure")
    public record Erasure(UUID customerId, List<UUID> caseIds, Instant erasedAt, boolean alreadyErased) {}

    private static final List<String> ELSEWHERE = List.of(
            "remedy-service: GET /api/remedies/customers/{customerId} (remedies and credit ledger, by customer id)",
            "insight-service: only pseudonymous facts keyed by customer id (no names, contacts or free text)");

    private final CustomerData data;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;

    CustomerPrivacy(CustomerData data, AuditLog audit, Outbox outbox, Clock clock) {
        this.data = data;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The customer an email or phone maps to; an unknown contact is a 404. */
    UUID find(@Nullable String email, @Nullable String phone) {
        var checks = new InvalidRequestException.Checks();
        if ((email == null) == (phone == null)) {
            checks.reject("email", "give exactly one of email or phone");
        }
        checks.optional("email", email, 320).optional("phone", phone, 40).throwIfAny();
        return data.customerOf(email, phone).orElseThrow(() -> new CustomerNotFoundException(null));
    }

    @Transactional
    Export export(UUID customerId, String actor) {
        var cases = data.cases(customerId);
        var contacts = data.contacts(customerId);
        var erasedAt = data.erasedAt(customerId).orElse(null);
        if (cases.isEmpty() && contacts.isEmpty() && erasedAt == null) {
            throw new CustomerNotFoundException(customerId);
        }
        audit.record(clock.instant(), actor, "EXPORT", customerId, cases.size() + " case(s)");
        return new Export(
                customerId,
                contacts,
                erasedAt,
                cases,
                audit.of(customerId),
                ELSEWHERE.stream()
                        .map(line -> line.replace("{customerId}", customerId.toString()))
                        .toList());
    }

    @Transactional
    Erasure erase(UUID customerId, String actor) {
        var caseIds = data.lockCases(customerId);
        var earlier = data.erasedAt(customerId);
        if (earlier.isPresent()) {
            return new Erasure(customerId, caseIds, earlier.get(), true);
        }
        if (caseIds.isEmpty() && data.contacts(customerId).isEmpty()) {
            throw new CustomerNotFoundException(customerId);
        }
        var at = clock.instant();
        data.erase(customerId, caseIds, at);
        audit.record(at, actor, "ERASURE", customerId, caseIds.size() + " case(s) anonymised");
        outbox.add(CaseEvents.CUSTOMER_ERASED, customerId, at, new CaseCustomerErased(customerId, caseIds, actor, at));
        return new Erasure(customerId, caseIds, at, false);
    }
}
