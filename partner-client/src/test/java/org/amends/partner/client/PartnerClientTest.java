package org.amends.partner.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.amends.partner.client.api.CasesApi;
import org.amends.partner.client.model.CasePage;
import org.amends.partner.client.model.CaseTimeline;
import org.amends.partner.client.model.CaseView;
import org.amends.partner.client.model.CustomerRequest;
import org.amends.partner.client.model.OpenCaseRequest;
import org.amends.partner.client.model.Problem;
import org.amends.partner.client.model.TimelineEntry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Proves, without a server, that the client generated from {@code docs/api/case.yaml} speaks the API as the document
 * describes it: the requests it builds (method, path, headers, JSON body) equal the document's examples, and the
 * document's example answers read into its types. The end-to-end tests then use it against the real services.
 */
class PartnerClientTest {

    private static final JsonNode DOCUMENT = YAMLMapper.builder().build().readTree(Path.of("../docs/api/case.yaml"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CASE_ID = "0b7e3c52-9a1d-4f6e-8c2b-5d4a3f2e1c0b";

    @Nested
    class FilingACase {

        @Test
        void sendsTheDocumentedBodyToThePathAndHeadersTheApiExpects() {
            var request = new OpenCaseRequest()
                    .customer(new CustomerRequest()
                            .name("Lucía Pérez")
                            .email("lucia@example.com")
                            .locale(CustomerRequest.LocaleEnum.ES))
                    .product("billing")
                    .errorKind(OpenCaseRequest.ErrorKindEnum.CALCULATION)
                    .summary("Cobro duplicado en la factura de noviembre")
                    .description("Me habéis cobrado dos veces la factura de noviembre y ahora tengo la cuenta en "
                            + "descubierto.")
                    .impact(OpenCaseRequest.ImpactEnum.HIGH)
                    .orderReference("INV-2026-11-0042");

            var sent = capture(api -> api.fileCase(request, "8d6f5c0e-2b1a-4c3d-9e8f-7a6b5c4d3e2f", "corr-1"));

            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.uri()).isEqualTo(URI.create("http://localhost:8080/api/cases"));
            assertThat(sent.headers().firstValue("Idempotency-Key")).hasValue("8d6f5c0e-2b1a-4c3d-9e8f-7a6b5c4d3e2f");
            assertThat(sent.headers().firstValue("X-Correlation-Id")).hasValue("corr-1");
            assertThat(sent.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(sent.headers().firstValue("Authorization")).hasValue("Bearer a-token");
            assertThat(JSON.readTree(bodyOf(sent)))
                    .isEqualTo(example("/paths/~1api~1cases/post/requestBody", "byPartner"));
        }

        @Test
        void readsTheDocumentedAnswerIntoACase() {
            var answer = example("/paths/~1api~1cases/post/responses/201", "fileCase");

            var aCase = new ApiClient().getObjectMapper().treeToValue(answer, CaseView.class);

            assertThat(aCase.getId()).isEqualTo(UUID.fromString(CASE_ID));
            assertThat(aCase.getStatus()).isEqualTo(CaseView.StatusEnum.RECEIVED);
            assertThat(aCase.getSeverity()).isEqualTo(CaseView.SeverityEnum.HIGH);
            assertThat(aCase.getAcknowledgeDueAt()).isEqualTo(OffsetDateTime.parse("2026-11-25T14:00:00Z"));
            assertThat(aCase.getAcknowledgedAt()).isNull();
            assertThat(aCase.getRootCause()).isNull();
            assertThat(aCase.getSubmittedBy().getId()).isEqualTo("acme-partner");
            assertThat(aCase.getVersion()).isEqualTo(1L);
        }

        @Test
        void readsAStatusItDoesNotKnowYetWithoutFailing() {
            var answer = example("/paths/~1api~1cases/post/responses/201", "fileCase")
                    .deepCopy();
            ((tools.jackson.databind.node.ObjectNode) answer).put("status", "ESCALATED");

            var aCase = new ApiClient().getObjectMapper().treeToValue(answer, CaseView.class);

            assertThat(aCase.getStatus()).isEqualTo(CaseView.StatusEnum.UNKNOWN_DEFAULT_OPEN_API);
        }
    }

    @Nested
    class ReadingCases {

        @Test
        void readsOneCaseByItsIdPath() {
            var sent = capture(api -> api.getCase(UUID.fromString(CASE_ID), null));

            assertThat(sent.method()).isEqualTo("GET");
            assertThat(sent.uri()).isEqualTo(URI.create("http://localhost:8080/api/cases/" + CASE_ID));
        }

        @Test
        void listsWithFiltersAndTheCursorAsQueryParameters() {
            var sent = capture(api -> api.listCases("RECEIVED", null, null, null, true, 50, "abc_-", null));

            assertThat(sent.uri().getPath()).isEqualTo("/api/cases");
            assertThat(sent.uri().getQuery().split("&"))
                    .containsExactlyInAnyOrder("status=RECEIVED", "breached=true", "limit=50", "cursor=abc_-");
        }

        @Test
        void readsTheDocumentedPageAndTimeline() {
            var mapper = new ApiClient().getObjectMapper();

            var page =
                    mapper.treeToValue(example("/paths/~1api~1cases/get/responses/200", "listCases"), CasePage.class);
            var timeline = mapper.treeToValue(
                    example("/paths/~1api~1cases~1{id}~1timeline/get/responses/200", "getTimeline"),
                    CaseTimeline.class);

            assertThat(page.getItems()).extracting(CaseView::getReference).containsExactly("AMD-000042");
            assertThat(page.getNext()).isNotBlank();
            assertThat(timeline.getEntries()).extracting(TimelineEntry::getKind).containsExactly("OPENED", "NOTE");
            assertThat(timeline.getEntries().getFirst().getVisibility())
                    .isEqualTo(TimelineEntry.VisibilityEnum.CUSTOMER);
        }
    }

    @Nested
    class Problems {

        @Test
        void readsAValidationProblemWithItsFieldErrors() {
            var problem = new ApiClient()
                    .getObjectMapper()
                    .treeToValue(
                            DOCUMENT.at("/components/responses/BadRequest/content/application~1problem+json/examples"
                                    + "/validation/value"),
                            Problem.class);

            assertThat(problem.getType()).isEqualTo(URI.create("https://amends.org/problems/validation"));
            assertThat(problem.getStatus()).isEqualTo(400);
            assertThat(problem.getErrors())
                    .extracting(e -> e.getField())
                    .isEqualTo(List.of("customer.email", "impact"));
        }
    }

    /** The named example of a request body or response in the committed document. */
    private static JsonNode example(String pointer, String name) {
        var example = DOCUMENT.at(pointer + "/content/application~1json/examples/" + name + "/value");
        assertThat(example.isMissingNode()).as(pointer + " " + name).isFalse();
        return example;
    }

    /** The request a call builds, stopped before it is sent: no server is involved. */
    private static HttpRequest capture(Call call) {
        var sent = new AtomicReference<HttpRequest>();
        var client = new ApiClient().setRequestInterceptor(builder -> {
            builder.header("Authorization", "Bearer a-token");
            sent.set(builder.build());
            throw new Captured();
        });
        assertThatThrownBy(() -> call.on(new CasesApi(client))).isInstanceOf(Captured.class);
        return sent.get();
    }

    private static String bodyOf(HttpRequest request) {
        var body = new CompletableFuture<String>();
        var bytes = new ByteArrayOutputStream();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                var chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable failure) {
                body.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                body.complete(bytes.toString(UTF_8));
            }
        });
        return body.orTimeout(5, TimeUnit.SECONDS).join();
    }

    @FunctionalInterface
    private interface Call {
        void on(CasesApi api) throws ApiException;
    }

    /** Stops a call after its request is built. */
    private static final class Captured extends RuntimeException {}
}
