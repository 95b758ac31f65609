package org.amends.cases.intake;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lets PostgreSQL reuse its plans until the current transaction ends. The service's connections plan every statement
 * afresh ({@code plan_cache_mode=force_custom_plan} in application.yml), because a generic plan made while a table was
 * nearly empty kept scanning it once it had grown. That planning was about a third of the database's work in live
 * intake and 40 % of it while an import ran, for statements that have one right plan whatever the tables hold (ADR
 * 12).
 *
 * <p>Only a transaction whose every statement is an insert, or reads, updates or deletes rows by a key or a unique
 * index, may call this: their plans cannot go bad as a table grows. A search over a growing table (a queue by status,
 * the outbox relay's claims, an SLA scan) keeps planning afresh. {@code set_config(…, true)} is {@code SET LOCAL}: the
 * connection goes back to the pool as it was.
 */
public final class CachedPlans {

    private CachedPlans() {}

    /** Called inside a transaction, before its statements; it costs one round trip. */
    public static void useUntilCommit(JdbcClient jdbc) {
        jdbc.sql("SELECT set_config('plan_cache_mode', 'auto', true)")
                .query(String.class)
                .single();
    }
}
