package org.amends.contracts.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An admin erased a customer's personal data (the right to erasure). case-service has already anonymised its cases:
 * the facts (product, error kind, severity, times, remedies) stay for the statistics; names, contacts and free text
 * are gone. Every service that holds anything about {@code customerId} erases or anonymises it in turn. The
 * CloudEvent's subject is the customer id.
 *
 * @param customerId the pseudonymous customer id, which no contact maps to any more
 * @param caseIds the customer's cases, now anonymised
 * @param erasedBy the admin who ordered it
 */
public record CaseCustomerErased(UUID customerId, List<UUID> caseIds, String erasedBy, Instant erasedAt) {

    public CaseCustomerErased {
        caseIds = List.copyOf(caseIds);
    }
}
