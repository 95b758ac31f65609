package org.amends.gateway;

import org.amends.testkit.Persona;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestRedis;
import org.springframework.boot.SpringApplication;

/**
 * Starts the gateway for a local run against the test servers: a fresh Redis database and a {@link TestJwtIssuer}
 * whose tokens it prints, routing to case-service at its usual address (or {@code AMENDS_UPSTREAMS_CASE_SERVICE}).
 */
final class TestGatewayApplication {

    private TestGatewayApplication() {}

    static void main(String[] args) {
        var issuer = TestJwtIssuer.start();
        var redis = TestRedis.freshDatabase();
        SpringApplication.run(
                GatewayApplication.class,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwkSetUri(),
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--spring.data.redis.database=" + redis.index());
        for (var persona : new Persona[] {Persona.partner("acme-partner"), Persona.agent("agent1")}) {
            System.out.println("token for " + persona.username() + ": " + issuer.token(persona));
        }
    }
}
