package org.amends.testkit;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Real PostgreSQL for tests. Each caller gets a database of its own, created for the run and dropped when the JVM
 * exits, because CI runs on the same server that earlier local runs used.
 */
public final class TestPostgres {

    /** A database made for one test run. */
    public record Database(String name, String host, int port, String username, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }

    private record Admin(String host, int port, String username, String password) {
        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private static @Nullable Admin admin;

    private TestPostgres() {}

    /** Creates an empty database named {@code amends_test_<purpose>_<random>}. */
    public static Database freshDatabase(String purpose) {
        var server = admin();
        var name = ("amends_test_" + purpose + "_" + Servers.uniqueSuffix()).replaceAll("[^a-z0-9_]", "_");
        execute(server, "CREATE DATABASE " + name);
        Servers.onExit("postgres " + name, () -> execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        return new Database(name, server.host(), server.port(), server.username(), server.password());
    }

    private static synchronized Admin admin() {
        if (admin == null) {
            admin = Servers.useDocker() ? container() : local();
        }
        return admin;
    }

    @SuppressWarnings("resource") // lives as long as the test JVM; Ryuk removes it
    private static Admin container() {
        var container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new Admin(
                container.getHost(), container.getMappedPort(5432), container.getUsername(), container.getPassword());
    }

    private static Admin local() {
        var host = Servers.env("AMENDS_TEST_POSTGRES_HOST", "127.0.0.1");
        var port = Servers.envInt("AMENDS_TEST_POSTGRES_PORT", 5432);
        var server = new Admin(
                host,
                port,
                Servers.env("AMENDS_TEST_POSTGRES_USER", "postgres"),
                Servers.env("AMENDS_TEST_POSTGRES_PASSWORD", ""));
        var howToStart = "Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` "
                + "(or install it: `apt-get install postgresql`), or point AMENDS_TEST_POSTGRES_HOST/PORT/USER/PASSWORD "
                + "at a server where that user may create databases.";
        Servers.requireReachable("PostgreSQL", host, port, howToStart);
        try (var connection =
                DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password())) {
            connection.isValid(2);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused user " + server.username()
                    + " (" + e.getMessage() + "). " + howToStart);
        }
        return server;
    }

    private static void execute(Admin server, String sql) {
        try (var connection =
                        DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + sql + " failed: " + e.getMessage(), e);
        }
    }
}
