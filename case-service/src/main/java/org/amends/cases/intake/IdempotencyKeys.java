package org.amends.cases.intake;

import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Forgets idempotency keys older than their retention, so the table does not grow without end. */
@Component
public class IdempotencyKeys {

    private final JdbcClient jdbc;
    private final IntakeProperties properties;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, IntakeProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes expired keys; returns how many. */
    public int purge() {
        var cutoff = clock.instant().minus(properties.idempotencyRetention());
        return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < ?")
                .param(cutoff.atOffset(ZoneOffset.UTC))
                .update();
    }
}
