package org.amends.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlatformTest {

    @Test
    void cpuByPartNamesTheGivenProcessesTheLoadGeneratorAndTheServersRunningHere() {
        var parts = Platform.cpuMillisByPart(Platform.processesByPart(
                Map.of("a service", ProcessHandle.current().pid())));

        assertThat(parts.keySet())
                .as("the services first, then the load generator and the servers, as the report lists them")
                .containsExactly("a service", Platform.LOAD_GENERATOR, "postgres", "rabbitmq", "redis");
        assertThat(parts.get("a service")).isPositive();
        assertThat(parts.get(Platform.LOAD_GENERATOR)).isPositive();
        // The tests run beside a real PostgreSQL (./amends infra): its processes have used CPU since they started.
        assertThat(parts.get("postgres"))
                .as("PostgreSQL's processes, found by their command name; start it with ./amends infra")
                .isPositive();
    }

    @Test
    void theLastEventAppliedLeavesOutWhatTheSchedulesMade() throws Exception {
        var scratch = "amends_bench_inbox_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var admin = postgres("postgres")) {
            admin.createStatement().execute("CREATE DATABASE " + scratch);
        }
        try (var connection = postgres(scratch)) {
            connection.createStatement().execute("""
                    CREATE TABLE processed_events (
                        event_id uuid PRIMARY KEY, type text NOT NULL, case_id text NOT NULL,
                        received_at timestamptz NOT NULL);
                    INSERT INTO processed_events VALUES
                        (gen_random_uuid(), 'amends.case.opened.v1', 'c-1', '2026-01-01T00:00:01Z'),
                        (gen_random_uuid(), 'amends.remedy.proposed.v1', 'c-1', '2026-01-01T00:00:02Z'),
                        (gen_random_uuid(), 'amends.case.sla-breached.v1', 'c-0', '2026-01-01T00:00:07Z'),
                        (gen_random_uuid(), 'amends.insight.spike-detected.v1', 'c-0', '2026-01-01T00:00:08Z'),
                        (gen_random_uuid(), 'amends.insight.reputation-risk-raised.v1', 'c-0', '2026-01-01T00:00:09Z'),
                        (gen_random_uuid(), 'amends.case.opened.v1', 'c-2', '2026-01-01T00:01:00Z')""");
            var from = Instant.parse("2026-01-01T00:00:00Z");

            assertThat(Platform.lastEventApplied(connection, from, Instant.parse("2026-01-01T00:00:30Z")))
                    .as("the request's events, not the SLA clock's, spike or reputation evaluations' after them")
                    .hasValue(Instant.parse("2026-01-01T00:00:02Z"));
            assertThat(Platform.lastEventApplied(connection, from, Instant.parse("2026-01-01T00:01:00Z")))
                    .hasValue(Instant.parse("2026-01-01T00:01:00Z"));
            assertThat(Platform.lastEventApplied(
                            connection, Instant.parse("2026-01-01T00:00:03Z"), from.plusSeconds(30)))
                    .as("only scheduled events in the window")
                    .isEmpty();
        } finally {
            try (var admin = postgres("postgres")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
            }
        }
    }

    private static Connection postgres(String database) throws SQLException {
        try {
            return Platform.database(database);
        } catch (SQLException e) {
            throw new SQLException("no PostgreSQL on 127.0.0.1:5432 (start it with ./amends infra): " + e, e);
        }
    }
}
