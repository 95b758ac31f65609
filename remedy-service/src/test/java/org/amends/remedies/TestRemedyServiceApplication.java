package org.amends.remedies;

import org.amends.testkit.ServiceProperties;
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
        var properties = new java.util.HashMap<String, Object>(ServiceProperties.of(database, vhost, tokens));
        // Local partner stand-ins listen on plain http on this machine.
        properties.put("amends.remedies.webhooks.production-mode", "false");
        properties.put("amends.remedies.webhooks.allow-loopback", "true");
        app.setDefaultProperties(properties);
        app.run(args);
    }
}
