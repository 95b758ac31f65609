package org.amends.gateway;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.amends.testkit.TcpProxy;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestRedis;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real servers every gateway {@code *IT} runs against, once per test JVM: a JWT issuer with a real JWK Set, a
 * fresh Redis database, and stand-ins for the three services (case-service's behind a TCP proxy that a test can cut).
 */
final class GatewayTestServers {

    static final TestJwtIssuer ISSUER = TestJwtIssuer.start();
    static final TestRedis.Database REDIS = TestRedis.freshDatabase();
    static final ServiceStandIn CASE_SERVICE = ServiceStandIn.start("case-service", true);
    static final TcpProxy CASE_SERVICE_LINK = TcpProxy.to("127.0.0.1", CASE_SERVICE.port());
    static final ServiceStandIn REMEDY_SERVICE = ServiceStandIn.start("remedy-service", true);
    /** Has no API document yet: its /v3/api-docs answers 404. */
    static final ServiceStandIn INSIGHT_SERVICE = ServiceStandIn.start("insight-service", false);

    /** The public URL the gateway is told it has, which the API documents must name as their server. */
    static final String PUBLIC_URL = "https://api.amends.example";

    /** A budget of 3, refilled at 1/s, for each address calling without a token. */
    static final int ANONYMOUS_BURST = 3;

    /** A client whose tiny budget (1/s, burst 2) the rate-limit tests can exhaust. */
    static final String TINY_BUDGET_CLIENT = "tiny-partner";

    /** A client whose budget (4/s, burst 16) leases 4 tokens at a time with the tests' lease of 1 s. */
    static final String LEASING_CLIENT = "leasing-partner";

    /** As {@link #LEASING_CLIENT} with a burst of 18: four leases of 4, then the 2 left. */
    static final String BUSY_LEASING_CLIENT = "busy-leasing-partner";

    private GatewayTestServers() {}

    /** An address of its own for one test's caller (in 198.18.0.0/16, never contacted: it only names a budget). */
    static String freshClientAddress() {
        var random = ThreadLocalRandom.current();
        return "198.18." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }

    /** Points the gateway at these servers, with limits small enough to reach in a test. */
    static void register(DynamicPropertyRegistry properties) {
        register(properties, REDIS.port());
    }

    /** As {@link #register(DynamicPropertyRegistry)}, with Redis expected at {@code redisPort}. */
    static void register(DynamicPropertyRegistry properties, int redisPort) {
        properties.add("amends.upstreams.case-service", () -> "http://127.0.0.1:" + CASE_SERVICE_LINK.port());
        properties.add("amends.upstreams.remedy-service", () -> "http://127.0.0.1:" + REMEDY_SERVICE.port());
        properties.add("amends.upstreams.insight-service", () -> "http://127.0.0.1:" + INSIGHT_SERVICE.port());
        properties.add("amends.gateway.api-docs.public-url", () -> PUBLIC_URL);
        // The tests call from loopback and play a trusted proxy, so that each test gives its callers their own
        // addresses in X-Forwarded-For. (That an untrusted caller cannot is ClientAddressTest's.)
        properties.add("amends.gateway.rate-limit.trusted-proxies[0]", () -> "127.0.0.1");
        properties.add("amends.gateway.rate-limit.trusted-proxies[1]", () -> "::1");
        properties.add("amends.gateway.rate-limit.anonymous.replenish-rate", () -> "1");
        properties.add("amends.gateway.rate-limit.anonymous.burst-capacity", () -> Integer.toString(ANONYMOUS_BURST));
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
        properties.add("amends.gateway.rate-limit.lease", () -> "1s");
        for (var leasing : List.of(LEASING_CLIENT, BUSY_LEASING_CLIENT)) {
            properties.add("amends.gateway.rate-limit.clients." + leasing + ".replenish-rate", () -> "4");
        }
        properties.add("amends.gateway.rate-limit.clients." + LEASING_CLIENT + ".burst-capacity", () -> "16");
        properties.add("amends.gateway.rate-limit.clients." + BUSY_LEASING_CLIENT + ".burst-capacity", () -> "18");
    }
}
