package org.amends.insight;

import org.amends.testkit.ServiceProperties;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The one test-infrastructure configuration of every insight-service {@code *IT}: real PostgreSQL and RabbitMQ. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class InsightServiceIT {

    static final TestPostgres.Database DATABASE = TestPostgres.freshDatabase("insight");
    static final TestRabbit.VirtualHost VHOST = TestRabbit.freshVirtualHost("insight");
    static final TestJwtIssuer TOKENS = TestJwtIssuer.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceProperties.of(DATABASE, VHOST, TOKENS).forEach((name, value) -> registry.add(name, () -> value));
    }
}
