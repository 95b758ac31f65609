package org.amends.messaging;

import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lets PostgreSQL reuse its plans until the current transaction ends. The services' connections plan every statement
 * afresh ({@code plan_cache_mode=force_custom_plan} in each application.yml), because a generic plan made while a
 * table was nearly empty kept scanning it once it had grown. That planning was about a third of the database's work in
 * live intake and 40 % of it while an import ran, for statements that have one right plan whatever the tables hold
 * (ADR 12).
 *
 * <p>Only a transaction whose every statement is an insert, or reads, updates or deletes rows by a key or a unique
 * index, may call {@link #useUntilCommit}: their plans cannot go bad as a table grows. Case intake, each batch of an
 * import and every batch of consumed events ({@code EventBatches}) call it. A search over a growing table (a queue by
 * status, the outbox relay's claims, an SLA scan) keeps planning afresh; a statement of that kind inside such a
 * transaction calls {@link #planAfreshUntilCommit} first. {@code set_config(…, true)} is {@code SET LOCAL}: the
 * connection goes back to the pool as it was. Each service's tests read the generic plans of the statements that got
 * one and fail on a plan that reads a table whole ({@code PreparedPlans} in the testkit).
 */
public final class CachedPlans {

    private CachedPlans() {}

    /** Called inside a transaction, before its statements; it costs one round trip. */
    public static void useUntilCommit(JdbcClient jdbc) {
        planCacheModeUntilCommit(jdbc, "auto");
    }

    /** Called inside a transaction, before a statement whose right plan depends on the rows at hand. */
    public static void planAfreshUntilCommit(JdbcClient jdbc) {
        planCacheModeUntilCommit(jdbc, "force_custom_plan");
    }

    /**
     * Runs {@code reads} planned afresh, then lets the transaction plan as it did before: for searches by an array of
     * keys ({@code id = ANY (?)}) inside a transaction that keeps plans. PostgreSQL would keep a plan for such a search
     * made while the table was small, and that plan reads the table whole once it has grown (a join to {@code
     * unnest(?)} fares no better). Costs three round trips besides the reads'.
     */
    public static <T> T planAfresh(JdbcClient jdbc, Supplier<T> reads) {
        var before = jdbc.sql("SELECT current_setting('plan_cache_mode')")
                .query(String.class)
                .single();
        planCacheModeUntilCommit(jdbc, "force_custom_plan");
        var read = reads.get();
        planCacheModeUntilCommit(jdbc, before);
        return read;
    }

    private static void planCacheModeUntilCommit(JdbcClient jdbc, String mode) {
        jdbc.sql("SELECT set_config('plan_cache_mode', :mode, true)")
                .param("mode", mode)
                .query(String.class)
                .single();
    }
}
