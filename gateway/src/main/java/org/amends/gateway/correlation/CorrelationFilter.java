package org.amends.gateway.correlation;

import io.micrometer.context.ContextRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
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
 * later can drop or duplicate it) and to the logs (MDC through the Reactor context), and logs one access line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger("org.amends.gateway.access");

    static {
        // With spring.reactor.context-propagation=auto, Reactor restores this MDC entry on whichever thread runs.
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        CorrelationId.MDC_KEY,
                        () -> MDC.get(CorrelationId.MDC_KEY),
                        id -> MDC.put(CorrelationId.MDC_KEY, id),
                        () -> MDC.remove(CorrelationId.MDC_KEY));
    }

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
        return chain.filter(mutated)
                .doFinally(signal -> logAccess(mutated, id, started))
                .contextWrite(context -> context.put(CorrelationId.MDC_KEY, id));
    }

    private static void logAccess(ServerWebExchange exchange, String id, long started) {
        if (!log.isInfoEnabled()) {
            return;
        }
        // The path only, never the query string or headers: they may carry personal data or tokens.
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        MDC.put(CorrelationId.MDC_KEY, id);
        try {
            log.info(
                    "{} {} -> {} in {} ms (route {})",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    exchange.getResponse().getStatusCode(),
                    (System.nanoTime() - started) / 1_000_000,
                    route == null ? "-" : route.getId());
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }
}
