package org.amends.gateway.portal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Marks every cookie the gateway sets (the session's, the CSRF token's) {@code Secure} when the request came over
 * https, directly or (with {@code server.forward-headers-strategy=framework}) through a TLS-terminating proxy; over
 * plain http, as on a developer's machine, a Secure cookie would never come back.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class SecureCookies implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var response = exchange.getResponse();
        response.beforeCommit(() -> {
            if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
                var cookies = response.getCookies();
                for (var name : cookies.keySet()) {
                    cookies.put(
                            name,
                            cookies.get(name).stream()
                                    .map(cookie -> cookie.mutate().secure(true).build())
                                    .toList());
                }
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
