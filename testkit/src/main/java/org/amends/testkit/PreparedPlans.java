package org.amends.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What PostgreSQL keeps for a service's pooled connections: each connection's {@code plan_cache_mode} between
 * transactions and the statements the driver prepared on it, with how they were planned so far. A transaction that
 * lets PostgreSQL reuse plans ({@code CachedPlans}, ADR 12) must run only statements whose generic plan is right
 * whatever the tables hold; {@link #genericPlan} shows the plan PostgreSQL would keep if it were made now, on a test's
 * nearly empty tables, which is when a bad one is made, and {@link #readingWhole} finds the plans that would read a
 * table whole once it has grown.
 */
public final class PreparedPlans {

    /** A statement the driver prepared on a connection, its parameters' types, and its plans so far. */
    public record Prepared(String sql, List<String> parameterTypes, long genericPlans, long customPlans) {}

    /** One pooled connection: its {@code plan_cache_mode} between transactions and its prepared statements. */
    public record PooledConnection(String planCacheMode, List<Prepared> prepared) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PreparedPlans() {}

    /** Every connection of the pool, borrowed all at once so that each is read, whichever the service used last. */
    public static List<PooledConnection> pooled(HikariDataSource dataSource) throws SQLException {
        var connections = new ArrayList<Connection>();
        try {
            for (int i = 0; i < dataSource.getMaximumPoolSize(); i++) {
                connections.add(dataSource.getConnection());
            }
            var pooled = new ArrayList<PooledConnection>();
            for (var connection : connections) {
                pooled.add(read(connection));
            }
            return pooled;
        } finally {
            for (var connection : connections) {
                connection.close();
            }
        }
    }

    /**
     * Asserts what transactions that let PostgreSQL keep plans ({@code CachedPlans}) must leave behind: each statement
     * containing one of {@code kept} ran on a plan PostgreSQL kept, no kept plan reads a table whole (made now, on a
     * test's few rows), and every pooled connection plans afresh again between transactions. For a test that has run
     * those transactions on one connection more than ten times: the driver prepares a statement on the server at its
     * fifth run, and PostgreSQL weighs a generic plan after five custom ones.
     */
    public static void assertKeptOnlyWhereOnePlanIsRight(HikariDataSource dataSource, String... kept)
            throws SQLException {
        var pooled = pooled(dataSource);
        var generic = withGenericPlans(pooled);
        for (var statement : kept) {
            assertThat(generic)
                    .as("a plan PostgreSQL keeps for %s", statement)
                    .anySatisfy(p -> assertThat(p.sql()).contains(statement));
        }
        assertThat(readingWhole(dataSource, generic))
                .as("a kept plan made on these few rows still reads by index once the tables have grown")
                .isEmpty();
        assertThat(pooled)
                .as("no connection goes back to the pool reusing plans")
                .extracting(PooledConnection::planCacheMode)
                .containsOnly("force_custom_plan");
    }

    /**
     * The queries with parameters of every pooled connection for which PostgreSQL has made and used a generic plan. A
     * statement without parameters always runs on the one plan PostgreSQL keeps for it, whatever {@code
     * plan_cache_mode} says, and a {@code COMMIT} the driver prepared has a "plan" too, with nothing to choose.
     */
    public static List<Prepared> withGenericPlans(List<PooledConnection> pooled) {
        return pooled.stream()
                .flatMap(connection -> connection.prepared().stream())
                .filter(statement -> statement.genericPlans() > 0)
                .filter(statement -> !statement.parameterTypes().isEmpty())
                .filter(statement -> QUERY.matcher(statement.sql()).lookingAt())
                .toList();
    }

    private static final Pattern QUERY =
            Pattern.compile("\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|VALUES)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * The statements among these (each once) whose generic plan, made on the database as it is now, reads a table or
     * an index whole, each with the nodes that do: a sequential scan, or an index scan without an index condition
     * (the partial index of open cases walked in full to find one case by a filter, for one). Such a plan is cheapest on
     * a test's few rows and slowest once the table has grown. A statement PostgreSQL may keep a plan for should have
     * none.
     */
    public static Map<String, List<String>> readingWhole(DataSource dataSource, List<Prepared> statements)
            throws SQLException {
        var whole = new LinkedHashMap<String, List<String>>();
        for (var statement : statements) {
            if (!whole.containsKey(statement.sql())) {
                var nodes = new ArrayList<String>();
                readingWhole(genericPlan(dataSource, statement).path(0).path("Plan"), nodes);
                if (!nodes.isEmpty()) {
                    whole.put(statement.sql(), nodes);
                }
            }
        }
        return whole;
    }

    private static void readingWhole(JsonNode node, List<String> found) {
        var type = node.path("Node Type").asString("");
        var relation = node.path("Relation Name").asString("");
        if (type.equals("Seq Scan")) {
            found.add("Seq Scan on " + relation);
        } else if (type.contains("Index") && type.endsWith("Scan") && !node.has("Index Cond")) {
            // An index scan, an index-only scan or a bitmap index scan that reads the whole index.
            found.add(type + " using " + node.path("Index Name").asString("") + " on " + relation
                    + " without an index condition (filter: "
                    + node.path("Filter").asString("none") + ")");
        }
        node.path("Plans").forEach(child -> readingWhole(child, found));
    }

    /**
     * The generic plan PostgreSQL makes for the statement on the database as it is now, as {@code EXPLAIN (FORMAT
     * JSON)} gives it, on a connection borrowed from the pool and given back as it was. Nothing is executed, an insert
     * or an update included.
     */
    public static JsonNode genericPlan(DataSource dataSource, Prepared statement) throws SQLException {
        try (var connection = dataSource.getConnection();
                var jdbc = connection.createStatement()) {
            var types = String.join(", ", statement.parameterTypes());
            var nulls = IntStream.range(0, statement.parameterTypes().size())
                    .mapToObj(i -> "NULL")
                    .collect(Collectors.joining(", "));
            jdbc.execute("SET plan_cache_mode = force_generic_plan");
            try {
                jdbc.execute(
                        "PREPARE plan_check" + (types.isEmpty() ? "" : "(" + types + ")") + " AS " + statement.sql());
                try (var result = jdbc.executeQuery(
                        "EXPLAIN (FORMAT JSON) EXECUTE plan_check" + (nulls.isEmpty() ? "" : "(" + nulls + ")"))) {
                    result.next();
                    return JSON.readTree(result.getString(1));
                } finally {
                    jdbc.execute("DEALLOCATE plan_check");
                }
            } finally {
                jdbc.execute("RESET plan_cache_mode");
            }
        }
    }

    private static PooledConnection read(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            String mode;
            try (var result = statement.executeQuery("SHOW plan_cache_mode")) {
                result.next();
                mode = result.getString(1);
            }
            var prepared = new ArrayList<Prepared>();
            try (var result = statement.executeQuery("""
                    SELECT statement, parameter_types::text[], generic_plans, custom_plans
                    FROM pg_prepared_statements""")) {
                while (result.next()) {
                    var types = (String[]) result.getArray(2).getArray();
                    prepared.add(new Prepared(
                            result.getString(1), Arrays.asList(types), result.getLong(3), result.getLong(4)));
                }
            }
            return new PooledConnection(mode, prepared);
        }
    }
}
