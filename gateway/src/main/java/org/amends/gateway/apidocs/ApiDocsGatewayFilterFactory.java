package org.amends.gateway.apidocs;

import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.amends.gateway.problem.Problems;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code ApiDocs} gateway filter, on the routes that publish a service's {@code /v3/api-docs}: it rewrites the
 * document's {@code servers} to the gateway's public URL (the paths are already the gateway's: it passes them on
 * unchanged), and answers 503 {@code service-unavailable} when the service does not serve a document.
 */
@Component
class ApiDocsGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private static final Logger log = LoggerFactory.getLogger(ApiDocsGatewayFilterFactory.class);

    private final ApiDocsProperties properties;
    private final Problems problems;
    private final JsonMapper json;

    ApiDocsGatewayFilterFactory(ApiDocsProperties properties, Problems problems, JsonMapper json) {
        super(Object.class);
        this.properties = properties;
        this.problems = problems;
        this.json = json;
    }

    @Override
    public GatewayFilter apply(Object config) {
        // Before NettyWriteResponseFilter, so that the service's body is written through the rewriting response.
        return new OrderedGatewayFilter(
                (exchange, chain) -> {
                    // Asked for plain JSON: the rewrite reads the body, so it must not come compressed.
                    var request = exchange.getRequest()
                            .mutate()
                            .headers(headers -> {
                                headers.remove(HttpHeaders.ACCEPT_ENCODING);
                                headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                            })
                            .build();
                    var response = new RewritingResponse(exchange);
                    return chain.filter(exchange.mutate()
                            .request(request)
                            .response(response)
                            .build());
                },
                NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1);
    }

    /** The OpenAPI {@code document} with {@code servers} replaced by {@code gateway} alone, everything else kept. */
    static byte[] withGatewayAsServer(JsonMapper json, URI gateway, byte[] document) {
        if (!(json.readTree(document) instanceof ObjectNode openApi) || !openApi.has("openapi")) {
            throw new NotAnOpenApiDocument();
        }
        openApi.putArray("servers").addObject().put("url", gateway.toString()).put("description", "The Amends gateway");
        return json.writeValueAsBytes(openApi);
    }

    private final class RewritingResponse extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;

        RewritingResponse(ServerWebExchange exchange) {
            super(exchange.getResponse());
            this.exchange = exchange;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            var status = getStatusCode();
            if (status == null || !status.is2xxSuccessful()) {
                return Flux.from(body)
                        .doOnNext(DataBufferUtils::release)
                        .then(Mono.defer(() -> unavailable("answered " + status)));
            }
            return DataBufferUtils.join(Flux.from(body))
                    .map(joined -> {
                        try {
                            var bytes = new byte[joined.readableByteCount()];
                            joined.read(bytes);
                            return bytes;
                        } finally {
                            DataBufferUtils.release(joined);
                        }
                    })
                    .defaultIfEmpty(new byte[0])
                    .flatMap(document -> {
                        byte[] rewritten;
                        try {
                            rewritten = withGatewayAsServer(json, properties.publicUrl(), document);
                        } catch (JacksonException | NotAnOpenApiDocument e) {
                            return unavailable("sent no OpenAPI document");
                        }
                        var headers = getHeaders();
                        headers.remove(HttpHeaders.CONTENT_ENCODING);
                        headers.remove(HttpHeaders.TRANSFER_ENCODING);
                        headers.remove(HttpHeaders.ETAG);
                        headers.setContentType(MediaType.APPLICATION_JSON);
                        headers.setContentLength(rewritten.length);
                        return getDelegate().writeWith(Mono.just(bufferFactory().wrap(rewritten)));
                    });
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWith(Flux.from(body).concatMap(Function.identity()));
        }

        private Mono<Void> unavailable(String why) {
            var service = service();
            log.warn("{} publishes no API document: /v3/api-docs {}", service, why);
            var headers = getHeaders();
            headers.remove(HttpHeaders.CONTENT_LENGTH);
            headers.remove(HttpHeaders.CONTENT_ENCODING);
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
            headers.remove(HttpHeaders.ETAG);
            return problems.write(
                    exchange,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "service-unavailable",
                    service + " does not publish its API document at the moment; retry later.");
        }

        private String service() {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            return route == null ? "The service" : route.getId().replace("-api-docs", "");
        }
    }

    /** The service answered, but not with an OpenAPI document. */
    static final class NotAnOpenApiDocument extends RuntimeException {
        NotAnOpenApiDocument() {
            super(null, null, false, false);
        }
    }
}
