package org.amends.cases;

import com.zaxxer.hikari.HikariDataSource;
import org.amends.testkit.EventTap;
import org.amends.testkit.ServiceApi;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one test-infrastructure configuration of every {@code *IT}: the whole service on a random port against
 * {@link TestServers}. Every subclass shares one application context.
 */
@SpringBootTest(classes = CaseServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CaseServiceIT {

    /** Sees every event the service publishes during the run, so each is checked against the contract. */
    private static final EventTap CONTRACT_CHECK = EventTap.open(TestServers.RABBIT, "case.#");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HikariDataSource dataSource;

    @AfterEach
    void everyEventPublishedSoFarHonoursTheContract() {
        CONTRACT_CHECK.checkWaiting();
    }

    ServiceApi api() {
        return new ServiceApi("http://localhost:" + port, TestServers.JWT);
    }

    EventTap tapEvents() {
        return EventTap.open(TestServers.RABBIT, "case.#");
    }
}
