package org.amends.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spring properties that point a service at the test servers: its database, its RabbitMQ virtual host (through
 * a {@link TcpProxy} when a test cuts the broker) and the test token issuer. Each service's test base adds its own
 * feature settings on top.
 */
public final class ServiceProperties {

    private ServiceProperties() {}

    public static Map<String, String> of(
            TestPostgres.Database database, TestRabbit.VirtualHost vhost, TestJwtIssuer tokens) {
        return of(database, vhost, vhost.host(), vhost.port(), tokens);
    }

    /** As {@link #of(TestPostgres.Database, TestRabbit.VirtualHost, TestJwtIssuer)}, reaching RabbitMQ at host:port. */
    public static Map<String, String> of(
            TestPostgres.Database database,
            TestRabbit.VirtualHost vhost,
            String rabbitHost,
            int rabbitPort,
            TestJwtIssuer tokens) {
        var properties = new LinkedHashMap<String, String>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.rabbitmq.host", rabbitHost);
        properties.put("spring.rabbitmq.port", Integer.toString(rabbitPort));
        properties.put("spring.rabbitmq.username", vhost.username());
        properties.put("spring.rabbitmq.password", vhost.password());
        properties.put("spring.rabbitmq.virtual-host", vhost.name());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", tokens.issuer());
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens.jwkSetUri());
        return properties;
    }
}
