package org.amends.remedies.fulfilment.ledger;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's credit balance and statement, for support staff. */
@Tag(name = "ledger")
@RestController
class LedgerController {

    record Account(UUID customerId, List<CreditLedger.Balance> balances, List<CreditLedger.Posting> postings) {}

    private final CreditLedger ledger;

    LedgerController(CreditLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/remedies/ledger/customers/{customerId}")
    @Operation(operationId = "getCreditAccount", summary = "Read a customer's credit account", description = """
                    Balances per currency and every posting of the double-entry credit ledger for one customer (the \
                    pseudonymous `customerId` of their cases). A customer without credit has an empty account.""")
    @ApiResponse(responseCode = "200", description = "The account.")
    Account account(@PathVariable UUID customerId) {
        return new Account(customerId, ledger.balances(customerId), ledger.statement(customerId));
    }
}
