package org.amends.cases;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

    /** A statement the driver prepared on a connection, and how PostgreSQL planned its executions so far. */
    record PreparedStatement(String sql, long genericPlans, long customPlans) {}

    /** One pooled connection: its {@code plan_cache_mode} between transactions and its prepared statements. */
    record PooledConnection(String planCacheMode, List<PreparedStatement> prepared) {}

    /**
     * Every connection of the pool, borrowed all at once (so each is read, whichever the service used last): whether
     * it still plans every statement afresh between transactions, and which of its statements PostgreSQL has planned
     * generically ({@code CachedPlans}).
     */
    List<PooledConnection> pooledConnections() throws SQLException {
        var connections = new ArrayList<Connection>();
        try {
            for (int i = 0; i < dataSource.getMaximumPoolSize(); i++) {
                connections.add(dataSource.getConnection());
            }
            var pooled = new ArrayList<PooledConnection>();
            for (var connection : connections) {
                try (var statement = connection.createStatement()) {
                    String mode;
                    try (var result = statement.executeQuery("SHOW plan_cache_mode")) {
                        result.next();
                        mode = result.getString(1);
                    }
                    var prepared = new ArrayList<PreparedStatement>();
                    try (var result = statement.executeQuery(
                            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")) {
                        while (result.next()) {
                            prepared.add(
                                    new PreparedStatement(result.getString(1), result.getLong(2), result.getLong(3)));
                        }
                    }
                    pooled.add(new PooledConnection(mode, prepared));
                }
            }
            return pooled;
        } finally {
            for (var connection : connections) {
                connection.close();
            }
        }
    }

    ServiceApi api() {
        return new ServiceApi("http://localhost:" + port, TestServers.JWT);
    }

    EventTap tapEvents() {
        return EventTap.open(TestServers.RABBIT, "case.#");
    }
}
