package org.amends.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's two checks that read every request's {@code Authorization} header (a ~1 KB token), answered
 * without their regular expressions when the header is plain: the firewall's check of each header value, and the
 * resource server's reading of the bearer token. A plain value is answered here; anything else goes to Spring's own
 * check, which answers as it always has. Plain means printable ASCII for a header value (every such value passes
 * Spring's {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}), and {@code "Bearer "} then RFC 6750's token characters
 * for the token (every such header matches Spring's {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, and the token is
 * what follows the space). The two expressions took 4–5 % of case-service's CPU samples during intake (JFR), the loops
 * about 1 %. The gateway has the same two for its reactive stack ({@code org.amends.gateway.security.PlainHeaders}).
 */
final class PlainHeaders {

    private static final String BEARER = "Bearer ";

    private PlainHeaders() {}

    /** Spring's strict firewall, with plain header values passed without its regular expression. */
    static HttpFirewall firewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(value ->
                value != null && printableAscii(value) || StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value));
        return firewall;
    }

    /** Spring's default bearer-token resolver (the header only), with a plain header read without its regular expression. */
    static BearerTokenResolver bearerTokens() {
        var spring = new DefaultBearerTokenResolver();
        return request -> {
            var authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            return plainBearer(authorization) ? authorization.substring(BEARER.length()) : spring.resolve(request);
        };
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
