package org.amends.remedies.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.amends.remedies.fulfilment.ledger.CreditLedger;
import org.amends.remedies.lifecycle.Remedies;
import org.amends.remedies.lifecycle.RemedyView;
import org.amends.remedies.security.Party;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The remedy part of a customer's data export, for an admin; audited. */
@RestController
@Tag(name = "ledger")
class CustomerRecordController {

    /** Everything remedy-service holds about one customer. */
    record CustomerRecord(
            UUID customerId,
            List<RemedyView> remedies,
            List<CreditLedger.Balance> balances,
            List<CreditLedger.Posting> postings,
            CustomerErasures.@Nullable Erasure erasure) {}

    private final Remedies remedies;
    private final CreditLedger ledger;
    private final CustomerErasures erasures;
    private final Clock clock;

    CustomerRecordController(Remedies remedies, CreditLedger ledger, CustomerErasures erasures, Clock clock) {
        this.remedies = remedies;
        this.ledger = ledger;
        this.erasures = erasures;
        this.clock = clock;
    }

    @GetMapping("/api/remedies/customers/{customerId}")
    @Operation(
            operationId = "exportCustomerRecord",
            summary = "Export a customer's remedy record",
            description = "Every remedy of the customer (the pseudonymous `customerId` of their cases), their credit "
                    + "balances and postings, and the erasure case-service announced, if any: this service's part of "
                    + "the customer's data export. Each export is audited.")
    @ApiResponse(responseCode = "200", description = "The customer's remedy record (empty lists if none).")
    @Transactional
    CustomerRecord export(@PathVariable UUID customerId, Authentication caller) {
        erasures.exported(customerId, Party.of(caller).id(), clock.instant());
        return new CustomerRecord(
                customerId,
                remedies.ofCustomer(customerId).stream().map(RemedyView::of).toList(),
                ledger.balances(customerId),
                ledger.statement(customerId),
                erasures.of(customerId).orElse(null));
    }
}
