package org.amends.benchmark;

import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured; written as results.json and summarised by {@link Report}.
 *
 * @param date when the run started (UTC, ISO-8601)
 * @param host a short description of the machine, also in the results folder's name
 * @param machine cores, memory, CPU model, kernel, JVM
 * @param loadAverageBefore the 1-, 5-, 15-minute load averages before anything ran
 * @param quick whether this was the short smoke run
 * @param limits the machine's own limits: "postgres" (pgbench) and "rabbitmq" (PerfTest)
 * @param services start-up and idle memory per service
 * @param steps every load step, in the order run
 */
record Results(
        String date,
        String host,
        Map<String, Object> machine,
        double[] loadAverageBefore,
        boolean quick,
        Map<String, Limits.Limit> limits,
        Map<String, Service> services,
        List<Step> steps) {

    /** The series of steps, each stepped up from a low rate until it breaks, then narrowed down ({@link RateSearch}). */
    static final String MIXED = "contact-centre mix via gateway";

    static final String INTAKE = "intake via gateway";
    /** Intake through {@link BareProxy}: what a hop costs with nothing of the gateway on it. */
    static final String BARE_PROXY = "intake via a bare proxy";

    static final String DIRECT = "intake direct to case-service";

    /** Sustained: no error, p99 under this, and (nearly) every offered arrival answered. */
    static final double P99_TARGET_MILLIS = 100;

    /**
     * One service's start-up and idle footprint.
     *
     * @param launchToHealthyMillis from the launcher starting the JVM to /actuator/health answering UP
     * @param startedInSeconds Spring Boot's own "Started … in N seconds" from the log
     * @param idleRssMiB resident memory before any load
     */
    record Service(long launchToHealthyMillis, double startedInSeconds, double idleRssMiB) {}

    /**
     * One rate offered for a while, and what it got.
     *
     * @param series which series ({@link #MIXED}, {@link #INTAKE}, {@link #DIRECT})
     * @param offeredPerSecond arrivals per second offered
     * @param seconds how long
     * @param loadAverage the 1-minute load average just before the step
     * @param requests per request type ("all" for all together): latency percentiles and errors
     * @param errorsByStatus the errors by request type and status
     * @param casesAccepted cases answered 201
     * @param cpuMillisServices CPU time the gateway and the three services used during the step
     * @param cpuMillisMachine CPU time the whole machine was busy during the step (load generator and servers too)
     * @param cpuMillisByPart CPU time each part used during the step ({@link Platform#cpuMillisByPart}): our services,
     *     Keycloak, PostgreSQL, RabbitMQ, Redis and the load generator; what the machine spent beyond them is the rest
     * @param queuedAtEnd messages in our queues when the load stopped
     * @param outboxAtEnd unpublished outbox rows when the load stopped
     * @param drainSeconds from the load stopping to the last event applied after it (read from the consumers'
     *     inboxes once every queue and outbox was found empty twice, a statistics interval apart; -1: not empty within
     *     a minute)
     * @param eventLag case.opened → applied by insight-service, in milliseconds, over the step's cases
     * @param eventsNotApplied cases of the step whose case.opened insight had not applied after the drain wait
     */
    record Step(
            String series,
            double offeredPerSecond,
            double seconds,
            double loadAverage,
            Map<String, Latencies.RequestStats> requests,
            Map<String, Long> errorsByStatus,
            long casesAccepted,
            double cpuMillisServices,
            double cpuMillisMachine,
            Map<String, Double> cpuMillisByPart,
            long queuedAtEnd,
            long outboxAtEnd,
            double drainSeconds,
            Percentiles eventLag,
            long eventsNotApplied) {

        Latencies.RequestStats all() {
            return requests.getOrDefault("all", new Latencies.RequestStats(Percentiles.NONE, 0));
        }

        double achievedPerSecond() {
            return all().latency().count() / seconds;
        }

        boolean sustained() {
            return all().errors() == 0
                    && all().latency().p99() < P99_TARGET_MILLIS
                    && all().latency().count() >= 0.95 * offeredPerSecond * seconds;
        }

        double cpuMillisPerCase() {
            return casesAccepted == 0 ? 0 : cpuMillisServices / casesAccepted;
        }

        double machineCpuMillisPerCase() {
            return casesAccepted == 0 ? 0 : cpuMillisMachine / casesAccepted;
        }
    }
}
