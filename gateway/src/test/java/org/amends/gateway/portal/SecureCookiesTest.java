package org.amends.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class SecureCookiesTest {

    @Test
    void overHttpsEveryCookieIsSecure() {
        var exchange = exchangeWithCookie("https://portal.example/portal/queue");

        assertThat(exchange.getResponse()
                        .getCookies()
                        .getFirst("AMENDS_SESSION")
                        .isSecure())
                .isTrue();
    }

    @Test
    void overPlainHttpCookiesStayAsTheyWere() {
        var exchange = exchangeWithCookie("http://localhost:8080/portal/queue");

        assertThat(exchange.getResponse()
                        .getCookies()
                        .getFirst("AMENDS_SESSION")
                        .isSecure())
                .isFalse();
    }

    private static MockServerWebExchange exchangeWithCookie(String url) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url));
        new SecureCookies()
                .filter(exchange, served -> {
                    served.getResponse()
                            .addCookie(ResponseCookie.from("AMENDS_SESSION", "id")
                                    .httpOnly(true)
                                    .build());
                    return Mono.empty();
                })
                .then(exchange.getResponse().setComplete())
                .block();
        return exchange;
    }
}
