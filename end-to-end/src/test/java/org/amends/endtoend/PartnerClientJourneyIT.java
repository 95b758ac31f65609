package org.amends.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.amends.partner.client.ApiClient;
import org.amends.partner.client.ApiException;
import org.amends.partner.client.api.CasesApi;
import org.amends.partner.client.model.CaseView;
import org.amends.partner.client.model.CustomerRequest;
import org.amends.partner.client.model.OpenCaseRequest;
import org.amends.partner.client.model.Problem;
import org.junit.jupiter.api.Test;

/**
 * The partner flow through the typed client generated from {@code docs/api/case.yaml}, against the real gateway,
 * Keycloak and services: if the published contract and the running API part, this fails.
 */
class PartnerClientJourneyIT {

    private final AmendsPlatform platform = AmendsPlatform.instance();

    @Test
    void aPartnerFilesACaseOnceReadsItBackAndSeesItInItsList() throws ApiException {
        var acme = cases("acme-partner", "acme-secret");
        var key = UUID.randomUUID().toString();
        var request = new OpenCaseRequest()
                .customer(new CustomerRequest()
                        .name("Lucía Pérez")
                        .email("lucia+" + key + "@example.com")
                        .locale(CustomerRequest.LocaleEnum.ES))
                .product("billing")
                .errorKind(OpenCaseRequest.ErrorKindEnum.CALCULATION)
                .summary("Cobro duplicado")
                .description("Me habéis cobrado dos veces la factura de noviembre.")
                .impact(OpenCaseRequest.ImpactEnum.HIGH);

        var first = acme.fileCaseWithHttpInfo(request, key, "client-journey-1");
        var retry = acme.fileCaseWithHttpInfo(request, key, "client-journey-2");

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(first.getHeaders()).containsKey("location");
        var filed = first.getData();
        assertThat(filed.getStatus()).isEqualTo(CaseView.StatusEnum.RECEIVED);
        assertThat(retry.getData().getId())
                .as("same Idempotency-Key, same case")
                .isEqualTo(filed.getId());
        assertThat(acme.getCase(filed.getId(), null).getReference()).isEqualTo(filed.getReference());
        assertThat(acme.getTimeline(filed.getId(), null).getEntries()).isNotEmpty();
        assertThat(acme.listCases(null, null, null, null, null, 100, null, null).getItems())
                .extracting(CaseView::getId)
                .contains(filed.getId());
    }

    @Test
    void anotherPartnerGetsTheDocumentedNotFoundProblem() throws ApiException {
        var acme = cases("acme-partner", "acme-secret");
        var filed = acme.fileCase(
                new OpenCaseRequest()
                        .customer(new CustomerRequest()
                                .name("Ana Gómez")
                                .phone("+34600111222")
                                .locale(CustomerRequest.LocaleEnum.ES))
                        .product("delivery")
                        .errorKind(OpenCaseRequest.ErrorKindEnum.EXECUTION)
                        .summary("Pedido entregado en otra dirección")
                        .description("El repartidor dejó el paquete en otra calle.")
                        .impact(OpenCaseRequest.ImpactEnum.MEDIUM),
                UUID.randomUUID().toString(),
                null);
        var globex = cases("globex-partner", "globex-secret");

        assertThatThrownBy(() -> globex.getCase(filed.getId(), null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(404);
            var problem = new ApiClient().getObjectMapper().readValue(e.getResponseBody(), Problem.class);
            assertThat(problem.getType().toString()).isEqualTo("https://amends.org/problems/not-found");
        });
    }

    private CasesApi cases(String clientId, String secret) {
        var token = platform.keycloak().clientCredentialsToken(clientId, secret);
        var client = new ApiClient();
        client.updateBaseUri(platform.gatewayUrl());
        client.setRequestInterceptor(builder -> builder.header("Authorization", "Bearer " + token));
        return new CasesApi(client);
    }
}
