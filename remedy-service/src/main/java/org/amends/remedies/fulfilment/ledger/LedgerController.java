package org.amends.remedies.fulfilment.ledger;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's credit balance and statement, for support staff. */
@RestController
class LedgerController {

    record Account(UUID customerId, List<CreditLedger.Balance> balances, List<CreditLedger.Posting> postings) {}

    private final CreditLedger ledger;

    LedgerController(CreditLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/remedies/ledger/customers/{customerId}")
    Account account(@PathVariable UUID customerId) {
        return new Account(customerId, ledger.balances(customerId), ledger.statement(customerId));
    }
}
