package org.amends.gateway.headers;

import org.amends.gateway.portal.PortalProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Sets the edge's security headers on every response at commit time, replacing whatever a service sent, so the
 * policy is the gateway's alone: no sniffing, no framing, no referrer, a deny-all CSP and no caching for the API and
 * its documents, a CSP for the API page that allows the gateway's own files only, HSTS over https, and no
 * {@code Server} banner. Everything else (the portal, the status page, their files) gets the portal's CSP.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SecurityHeaders implements WebFilter {

    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    /**
     * The API page (Swagger UI under {@code /api/docs}): its scripts, styles, images and fonts from the gateway only,
     * and calls to the gateway only. No inline script at all; {@code data:} images for the icons Swagger UI's
     * stylesheet embeds; and the one inline style Swagger UI's bundle injects (the logo's colours), allowed by its
     * hash rather than by {@code 'unsafe-inline'}. A new Swagger UI version may change that style: the page still
     * works without it, and the browser's console names the new hash.
     */
    static final String DOCS_CSP =
            "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; img-src 'self' data:; "
                    + "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    static final String HSTS = "max-age=31536000; includeSubDomains";

    /**
     * The portal and the status page: scripts, styles and calls to the gateway only, no inline script or style; forms
     * may go to the gateway and to the realm (the logout form's redirect to Keycloak's end-session page counts).
     */
    static String portalCsp(String issuerOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self'; form-action 'self' " + issuerOrigin
                + "; base-uri 'none'; frame-ancestors 'none'";
    }

    private final String portalCsp;

    SecurityHeaders(PortalProperties portal) {
        this.portalCsp = portalCsp(portal.issuerOrigin());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var response = exchange.getResponse();
        response.beforeCommit(() -> {
            var headers = response.getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.remove(HttpHeaders.SERVER);
            headers.remove("X-Powered-By");
            if (isDocsPage(exchange)) {
                headers.set("Content-Security-Policy", DOCS_CSP);
            } else if (isApi(exchange)) {
                headers.set("Content-Security-Policy", API_CSP);
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
                headers.remove(HttpHeaders.PRAGMA);
                headers.remove(HttpHeaders.EXPIRES);
            } else {
                headers.set("Content-Security-Policy", portalCsp);
            }
            // The URI's scheme is https behind a TLS-terminating proxy too, with server.forward-headers-strategy.
            if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
                headers.set("Strict-Transport-Security", HSTS);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static boolean isApi(ServerWebExchange exchange) {
        var path = path(exchange);
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/v3/api-docs");
    }

    private static boolean isDocsPage(ServerWebExchange exchange) {
        var path = path(exchange);
        return path.equals("/api/docs") || path.startsWith("/api/docs/");
    }

    private static String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().pathWithinApplication().value();
    }
}
