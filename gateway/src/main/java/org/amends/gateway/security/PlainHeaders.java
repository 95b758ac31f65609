package org.amends.gateway.security;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import reactor.core.publisher.Mono;

/**
 * Spring Security's two checks that read every request's {@code Authorization} header (a ~1 KB token), answered
 * without their regular expressions when the header is plain: the firewall's check of each header value, and the
 * resource server's reading of the bearer token. A plain value is answered here; anything else goes to Spring's own
 * check, which answers as it always has. Plain means printable ASCII for a header value (every such value passes
 * Spring's {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}), and {@code "Bearer "} then RFC 6750's token characters
 * for the token (every such header matches Spring's {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, and the token is
 * what follows the space). The two expressions took 4–5 % of the gateway's CPU samples during intake (JFR), the loops
 * under 1 %. The services have the same two for the servlet stack ({@code org.amends.web.PlainHeaders}).
 */
final class PlainHeaders {

    private static final String BEARER = "Bearer ";

    private PlainHeaders() {}

    /** Spring's strict firewall, with plain header values passed without its regular expression. */
    static ServerWebExchangeFirewall firewall() {
        var firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderValues(value -> value != null && printableAscii(value)
                || StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value));
        return firewall;
    }

    /**
     * Spring's default bearer-token converter (the header only), with a plain header read without its expression. The
     * header is read when the answer is subscribed to, as Spring's is: a value the firewall rejects is an error signal.
     */
    static ServerAuthenticationConverter bearerTokens() {
        var spring = new ServerBearerTokenAuthenticationConverter();
        return exchange -> Mono.defer(() -> {
            var authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            return plainBearer(authorization)
                    ? Mono.just(new BearerTokenAuthenticationToken(authorization.substring(BEARER.length())))
                    : spring.convert(exchange);
        });
    }

    /** Every character printable ASCII (space to tilde) or a tab. */
    static boolean printableAscii(String value) {
        for (var i = 0; i < value.length(); i++) {
            var c = value.charAt(i);
            if ((c < ' ' || c > '~') && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** {@code "Bearer "}, one or more of RFC 6750's token characters, then any number of {@code =}. */
    static boolean plainBearer(@Nullable String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        var end = authorization.length();
        while (end > BEARER.length() && authorization.charAt(end - 1) == '=') {
            end--;
        }
        if (end == BEARER.length()) {
            return false;
        }
        for (var i = BEARER.length(); i < end; i++) {
            if (!tokenCharacter(authorization.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean tokenCharacter(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
