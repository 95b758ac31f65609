package org.amends.remedies;

import org.amends.testkit.EventTap;
import org.amends.testkit.ServiceApi;
import org.amends.testkit.ServiceProperties;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The one test-infrastructure configuration of every remedy-service {@code *IT}: real PostgreSQL and RabbitMQ. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RemedyServiceIT {

    @LocalServerPort
    protected int port;

    /** Calls this instance over HTTP as a persona. */
    protected ServiceApi api;

    /** Every remedy event published during the test, contract-checked as it is read. */
    protected EventTap events;

    @BeforeEach
    void openApiAndEvents() {
        api = new ServiceApi("http://localhost:" + port, TOKENS);
        events = EventTap.open(VHOST, "remedy.#");
    }

    @AfterEach
    void closeEvents() {
        events.close();
    }

    static final TestPostgres.Database DATABASE = TestPostgres.freshDatabase("remedy");
    static final TestRabbit.VirtualHost VHOST = TestRabbit.freshVirtualHost("remedy");
    static final TestJwtIssuer TOKENS = TestJwtIssuer.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceProperties.of(DATABASE, VHOST, TOKENS).forEach((name, value) -> registry.add(name, () -> value));
        // The test's webhook receivers listen on plain http on loopback; production refuses both.
        registry.add("amends.remedies.webhooks.production-mode", () -> "false");
        registry.add("amends.remedies.webhooks.allow-loopback", () -> "true");
        registry.add("amends.remedies.webhooks.timeout", () -> "2s");
        registry.add("amends.remedies.webhooks.initial-backoff", () -> "100ms");
        registry.add("amends.remedies.webhooks.max-backoff", () -> "400ms");
        registry.add("amends.remedies.webhooks.retry-for", () -> "4s");
        registry.add("amends.remedies.webhooks.poll-interval", () -> "100ms");
        registry.add("amends.remedies.approval.monthly-budgets.COMMUNICATION", () -> "5000");
        registry.add("amends.remedies.metrics-refresh", () -> "500ms");
    }
}
