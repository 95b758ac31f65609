package org.amends.gateway;

import org.amends.testkit.TcpProxy;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestRedis;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real servers every gateway {@code *IT} runs against, once per test JVM: a JWT issuer with a real JWK Set, a
 * fresh Redis database, and the case-service stand-in behind a TCP proxy that a test can cut.
 */
final class GatewayTestServers {

    static final TestJwtIssuer ISSUER = TestJwtIssuer.start();
    static final TestRedis.Database REDIS = TestRedis.freshDatabase();
    static final CaseServiceStandIn CASE_SERVICE = CaseServiceStandIn.start();
    static final TcpProxy CASE_SERVICE_LINK = TcpProxy.to("127.0.0.1", CASE_SERVICE.port());

    /** A client whose tiny budget (1/s, burst 2) the rate-limit tests can exhaust. */
    static final String TINY_BUDGET_CLIENT = "tiny-partner";

    private GatewayTestServers() {}

    /** Points the gateway at these servers, with limits small enough to reach in a test. */
    static void register(DynamicPropertyRegistry properties) {
        register(properties, REDIS.port());
    }

    /** As {@link #register(DynamicPropertyRegistry)}, with Redis expected at {@code redisPort}. */
    static void register(DynamicPropertyRegistry properties, int redisPort) {
        properties.add("amends.upstreams.case-service", () -> "http://127.0.0.1:" + CASE_SERVICE_LINK.port());
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuer);
        properties.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ISSUER::jwkSetUri);
        properties.add("spring.data.redis.host", REDIS::host);
        properties.add("spring.data.redis.port", () -> redisPort);
        properties.add("spring.data.redis.database", REDIS::index);
        properties.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
        properties.add("spring.cloud.gateway.server.webflux.httpclient.connect-timeout", () -> "1000");
        properties.add("amends.gateway.circuit-breaker.time-limit", () -> "5s");
        // A breaker that opens only when a test forces it, so a test that cuts the link cannot trip it for others.
        properties.add("amends.gateway.circuit-breaker.minimum-number-of-calls", () -> "1000");
        properties.add("amends.gateway.circuit-breaker.sliding-window-size", () -> "1000");
        properties.add("amends.gateway.request-size.max", () -> "1KB");
        properties.add("amends.gateway.rate-limit.clients." + TINY_BUDGET_CLIENT + ".replenish-rate", () -> "1");
        properties.add("amends.gateway.rate-limit.clients." + TINY_BUDGET_CLIENT + ".burst-capacity", () -> "2");
    }
}
