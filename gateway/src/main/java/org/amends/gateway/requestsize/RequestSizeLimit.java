package org.amends.gateway.requestsize;

import java.util.concurrent.atomic.AtomicLong;
import org.amends.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies over the limit: at once from {@code Content-Length}, and for chunked bodies by counting bytes as
 * they stream, failing the exchange with {@link PayloadTooLarge} when the count passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestSizeLimit implements WebFilter {

    private static final java.util.regex.Pattern BULK_UPLOAD =
            java.util.regex.Pattern.compile("(/portal)?/api/incidents/[^/]+/affected");

    private final RequestSizeProperties properties;
    private final Problems problems;

    RequestSizeLimit(RequestSizeProperties properties, Problems problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var max = BULK_UPLOAD.matcher(exchange.getRequest().getPath().value()).matches()
                ? properties.bulkMax()
                : properties.max();
        var declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > max.toBytes()) {
            return problems.write(
                    exchange,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "payload-too-large",
                    "The request body is larger than the limit of " + max.toBytes() + " bytes.");
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        var counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                var seen = new AtomicLong();
                return super.getBody().doOnNext(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max.toBytes()) {
                        DataBufferUtils.release(buffer);
                        throw new PayloadTooLarge(max);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}
