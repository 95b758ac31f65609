package org.amends.remedies;

import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.springframework.boot.SpringApplication;

/** Starts remedy-service on its usual port against a fresh database and vhost on the test servers, for local runs. */
public class TestRemedyServiceApplication {

    public static void main(String[] args) {
        var database = TestPostgres.freshDatabase("remedy_dev");
        var vhost = TestRabbit.freshVirtualHost("remedy-dev");
        var tokens = TestJwtIssuer.start();
        var app = new SpringApplication(RemedyServiceApplication.class);
        app.setDefaultProperties(java.util.Map.of(
                "spring.datasource.url", database.jdbcUrl(),
                "spring.rabbitmq.virtual-host", vhost.name(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", tokens.issuer(),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens.jwkSetUri(),
                // Local partner stand-ins listen on plain http on this machine.
                "amends.remedies.webhooks.production-mode", "false",
                "amends.remedies.webhooks.allow-loopback", "true"));
        app.run(args);
    }
}
