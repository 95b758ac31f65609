package org.amends.cases.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.amends.cases.security.Party;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The data subject's rights, exercised by an admin on the customer's behalf. */
@RestController
@RequestMapping("/api/privacy/customers")
@Tag(name = "privacy")
class PrivacyController {

    private final CustomerPrivacy privacy;

    PrivacyController(CustomerPrivacy privacy) {
        this.privacy = privacy;
    }

    @GetMapping
    @Operation(
            operationId = "findCustomer",
            summary = "Find a customer by contact",
            description = "The pseudonymous customer id an email address or phone number maps to (give exactly one).")
    @ApiResponse(responseCode = "200", description = "The customer id.")
    CustomerPrivacy.Found find(
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String phone) {
        return new CustomerPrivacy.Found(privacy.find(email, phone));
    }

    @GetMapping("/{customerId}")
    @Operation(
            operationId = "exportCustomerData",
            summary = "Export a customer's data",
            description = "Everything case-service holds about the customer: contacts, every case with every stored "
                    + "field, the whole timeline, feedback, the audit of who exported or erased it, and where the "
                    + "other services' parts are. Each export is audited.")
    @ApiResponse(responseCode = "200", description = "The customer's data.")
    CustomerPrivacy.Export export(@PathVariable UUID customerId, Authentication caller) {
        return privacy.export(customerId, Party.of(caller).id());
    }

    @PostMapping("/{customerId}/erasure")
    @Operation(
            operationId = "eraseCustomerData",
            summary = "Erase a customer's personal data",
            description = "Anonymises the customer's cases (the facts stay for the statistics), revokes their status "
                    + "links, forgets their contacts and publishes `amends.case.customer-erased.v1` so every service "
                    + "erases its part. Repeating it answers the first erasure (`alreadyErased`). Audited.")
    @ApiResponse(responseCode = "200", description = "The erasure.")
    ResponseEntity<CustomerPrivacy.Erasure> erase(@PathVariable UUID customerId, Authentication caller) {
        return ResponseEntity.ok(privacy.erase(customerId, Party.of(caller).id()));
    }
}
