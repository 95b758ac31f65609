package org.amends.insight;

import org.amends.testkit.ServiceProperties;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.springframework.boot.SpringApplication;

/** Starts insight-service on its usual port against a fresh database and vhost on the test servers, for local runs. */
public class TestInsightServiceApplication {

    public static void main(String[] args) {
        var database = TestPostgres.freshDatabase("insight_dev");
        var vhost = TestRabbit.freshVirtualHost("insight-dev");
        var tokens = TestJwtIssuer.start();
        var app = new SpringApplication(InsightServiceApplication.class);
        app.setDefaultProperties(new java.util.HashMap<String, Object>(ServiceProperties.of(database, vhost, tokens)));
        app.run(args);
    }
}
