package org.amends.web;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.amends.testkit.AuthorizationHeaders;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The plain paths answer every header as Spring Security's own checks do: over generated values (real-shaped tokens,
 * near misses, control and non-ASCII characters, lone surrogates), the firewall passes or rejects the same headers
 * and the resolver yields the same token or the same error.
 */
class PlainHeadersTest {

    private final HttpFirewall ours = PlainHeaders.firewall();
    private final HttpFirewall springs = new StrictHttpFirewall();
    private final BearerTokenResolver ourTokens = PlainHeaders.bearerTokens();
    private final BearerTokenResolver springsTokens = new DefaultBearerTokenResolver();

    @Property(tries = 3000)
    void theFirewallPassesAndRejectsTheHeadersSpringsDoes(@ForAll("authorizations") String value) {
        var answer = firewalled(ours, value);
        assertThat(answer).isEqualTo(firewalled(springs, value));
        AuthorizationHeaders.checkFirewallPaths(PlainHeaders.printableAscii(value), answer);
    }

    @Property(tries = 3000)
    void theResolverYieldsTheTokenOrErrorSpringsDoes(
            @ForAll("authorizations") String value, @ForAll boolean get, @ForAll boolean tokenParameter) {
        var request = new MockHttpServletRequest(get ? "GET" : "POST", "/api/cases");
        request.addHeader(HttpHeaders.AUTHORIZATION, value);
        if (tokenParameter) {
            request.setParameter("access_token", "from-the-query");
        }
        var answer = resolved(ourTokens, request);
        assertThat(answer).isEqualTo(resolved(springsTokens, request));
        AuthorizationHeaders.checkTokenPaths(PlainHeaders.plainBearer(value), answer);
    }

    @Example
    void aRequestWithoutTheHeaderHasNoTokenAsWithSprings() {
        var request = new MockHttpServletRequest("POST", "/api/cases");
        assertThat(ourTokens.resolve(request)).isNull();
        assertThat(springsTokens.resolve(request)).isNull();
    }

    @Property(tries = 200)
    void aKeycloakShapedTokenTakesThePlainPath(@ForAll("jwts") String jwt) {
        assertThat(PlainHeaders.plainBearer("Bearer " + jwt)).isTrue();
        assertThat(PlainHeaders.printableAscii("Bearer " + jwt)).isTrue();
    }

    @Provide
    Arbitrary<String> authorizations() {
        return AuthorizationHeaders.values();
    }

    @Provide
    Arbitrary<String> jwts() {
        return AuthorizationHeaders.jwts();
    }

    private static String firewalled(HttpFirewall firewall, String value) {
        var request = new MockHttpServletRequest("POST", "/api/cases");
        request.addHeader(HttpHeaders.AUTHORIZATION, value);
        try {
            return "passed " + firewall.getFirewalledRequest(request).getHeader(HttpHeaders.AUTHORIZATION);
        } catch (RequestRejectedException rejected) {
            return "rejected " + rejected.getMessage();
        }
    }

    private static String resolved(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            return "token " + resolver.resolve(request);
        } catch (OAuth2AuthenticationException refused) {
            return "error " + refused.getError().getErrorCode() + " "
                    + refused.getError().getDescription();
        }
    }
}
