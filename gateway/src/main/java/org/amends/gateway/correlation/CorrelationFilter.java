package org.amends.gateway.correlation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The first filter every request passes: settles the correlation id, hands it to the service behind (request header),
 * to the caller (response header, set at commit so that neither a service's copy nor a problem written anywhere
 * later can drop or duplicate it) and to the gateway's own log lines about the request ({@link CorrelationId#inLog}),
 * and logs one access line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger("org.amends.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var id = CorrelationId.acceptOrMint(exchange.getRequest().getHeaders().getFirst(CorrelationId.HEADER));
        exchange.getAttributes().put(CorrelationId.ATTRIBUTE, id);
        var request = exchange.getRequest()
                .mutate()
                .headers(headers -> headers.set(CorrelationId.HEADER, id))
                .build();
        var response = exchange.getResponse();
        response.beforeCommit(() -> {
            response.getHeaders().set(CorrelationId.HEADER, id);
            return Mono.empty();
        });
        var started = System.nanoTime();
        var mutated = exchange.mutate().request(request).build();
        return chain.filter(mutated).doFinally(signal -> logAccess(mutated, started));
    }

    private static void logAccess(ServerWebExchange exchange, long started) {
        if (!log.isInfoEnabled()) {
            return;
        }
        // The path only, never the query string or headers: they may carry personal data or tokens.
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        try (var logged = CorrelationId.inLog(exchange)) {
            log.info(
                    "{} {} -> {} in {} ms (route {})",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    exchange.getResponse().getStatusCode(),
                    (System.nanoTime() - started) / 1_000_000,
                    route == null ? "-" : route.getId());
        }
    }
}
