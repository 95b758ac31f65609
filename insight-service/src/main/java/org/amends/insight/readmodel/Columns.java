package org.amends.insight.readmodel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reading event data and table columns, where a missing value is null rather than a default. */
public final class Columns {

    private Columns() {}

    public static @Nullable String text(JsonNode data, String field) {
        var node = data.path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    public static @Nullable UUID uuid(JsonNode data, String field) {
        var text = text(data, field);
        return text == null ? null : UUID.fromString(text);
    }

    public static @Nullable Instant instant(JsonNode data, String field) {
        var text = text(data, field);
        return text == null ? null : Instant.parse(text);
    }

    public static @Nullable Timestamp timestamp(JsonNode data, String field) {
        return timestamp(instant(data, field));
    }

    public static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        var value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    public static @Nullable Long nullableLong(ResultSet row, String column) throws SQLException {
        var value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
