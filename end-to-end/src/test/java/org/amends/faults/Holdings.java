package org.amends.faults;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.amends.testkit.TestPostgres;

/** What the services' own databases hold, read directly (not through the proxies the suite cuts). */
final class Holdings {

    private Holdings() {}

    /** The first column as key, the second as a count, for every row the query returns. */
    static Map<String, Long> countsBy(TestPostgres.Database database, String sql) {
        try (var connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            var counts = new HashMap<String, Long>();
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + database.name() + ": " + sql, e);
        }
    }

    /** The single number the query returns. */
    static long number(TestPostgres.Database database, String sql) {
        try (var connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + database.name() + ": " + sql, e);
        }
    }
}
