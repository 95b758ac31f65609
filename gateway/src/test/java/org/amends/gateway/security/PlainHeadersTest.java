package org.amends.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.amends.testkit.AuthorizationHeaders;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The plain paths answer every header as Spring Security's own checks do: over generated values (real-shaped tokens,
 * near misses, control and non-ASCII characters, lone surrogates), the firewall passes or rejects the same headers
 * and the converter yields the same token or the same error.
 */
class PlainHeadersTest {

    private final ServerWebExchangeFirewall ours = PlainHeaders.firewall();
    private final ServerWebExchangeFirewall springs = new StrictServerWebExchangeFirewall();
    private final ServerAuthenticationConverter ourTokens = PlainHeaders.bearerTokens();
    private final ServerAuthenticationConverter springsTokens = new ServerBearerTokenAuthenticationConverter();

    @Property(tries = 3000)
    void theFirewallPassesAndRejectsTheHeadersSpringsDoes(@ForAll("authorizations") String value) {
        var answer = firewalled(ours, value);
        assertThat(answer).isEqualTo(firewalled(springs, value));
        AuthorizationHeaders.checkFirewallPaths(PlainHeaders.printableAscii(value), answer);
    }

    @Property(tries = 3000)
    void theConverterYieldsTheTokenOrErrorSpringsDoes(
            @ForAll("authorizations") String value, @ForAll boolean get, @ForAll boolean tokenParameter) {
        var request = (get ? MockServerHttpRequest.get("/api/cases") : MockServerHttpRequest.post("/api/cases"))
                .queryParams(tokenParameter ? queryToken() : new LinkedMultiValueMap<>())
                .header(HttpHeaders.AUTHORIZATION, value)
                .build();
        var answer = converted(ourTokens, request);
        assertThat(answer).isEqualTo(converted(springsTokens, request));
        AuthorizationHeaders.checkTokenPaths(PlainHeaders.plainBearer(value), answer);
    }

    @Example
    void aRequestWithoutTheHeaderHasNoTokenAsWithSprings() {
        var request = MockServerHttpRequest.post("/api/cases").build();
        assertThat(converted(ourTokens, request)).isEqualTo("none").isEqualTo(converted(springsTokens, request));
    }

    @Example
    void aHeaderTheFirewallRejectsIsAnErrorSignalAsWithSprings() {
        var exchange = ours.getFirewalledExchange(MockServerWebExchange.from(MockServerHttpRequest.post("/api/cases")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer a\u0000b")
                        .build()))
                .block();
        for (var converter : List.of(ourTokens, springsTokens)) {
            var converted = converter.convert(exchange);
            assertThatThrownBy(converted::block).isInstanceOf(ServerExchangeRejectedException.class);
        }
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

    private static MultiValueMap<String, String> queryToken() {
        var parameters = new LinkedMultiValueMap<String, String>();
        parameters.add("access_token", "from-the-query");
        return parameters;
    }

    private static String firewalled(ServerWebExchangeFirewall firewall, String value) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/cases")
                .header(HttpHeaders.AUTHORIZATION, value)
                .build());
        try {
            var firewalled = firewall.getFirewalledExchange(exchange).block();
            return "passed " + firewalled.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        } catch (ServerExchangeRejectedException rejected) {
            return "rejected " + rejected.getMessage();
        }
    }

    private static String converted(ServerAuthenticationConverter converter, MockServerHttpRequest request) {
        try {
            var authentication =
                    converter.convert(MockServerWebExchange.from(request)).block();
            return authentication == null
                    ? "none"
                    : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException refused) {
            return "error " + refused.getError().getErrorCode() + " "
                    + refused.getError().getDescription();
        }
    }
}
