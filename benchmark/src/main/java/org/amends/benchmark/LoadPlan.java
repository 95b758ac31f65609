package org.amends.benchmark;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One load step as the simulation runs it: where to send, which mix, how fast and how long, with which tokens. Gatling
 * instantiates simulations by reflection, so the step is handed over through this holder (the load runs in the
 * benchmark's own JVM).
 *
 * @param baseUrl the gateway, or case-service directly
 * @param mix the contact-centre mix, or intake alone
 * @param usersPerSecond the offered rate (an open model: arrivals do not wait for answers)
 * @param duration how long the rate is offered
 * @param tokens the bearer tokens of the partners and the agent
 * @param latencies where the virtual users record each answer
 */
record LoadPlan(String baseUrl, Mix mix, double usersPerSecond, Duration duration, Tokens tokens, Latencies latencies) {

    private static final AtomicReference<LoadPlan> CURRENT = new AtomicReference<>();

    static void set(LoadPlan plan) {
        CURRENT.set(plan);
    }

    static LoadPlan current() {
        var plan = CURRENT.get();
        if (plan == null) {
            throw new IllegalStateException("no load plan: run the simulation through Bench (./amends bench)");
        }
        return plan;
    }

    /** What each arrival does. */
    enum Mix {
        /** About 70 % intake, 20 % reads (queue, case page, timeline), 10 % updates (acknowledge, resolve). */
        CONTACT_CENTRE,
        /** Intake only: what the gateway's cost is measured with. */
        INTAKE
    }

    /**
     * Access tokens from Keycloak: two partner clients (client credentials) and an agent (direct grant).
     *
     * @param acme acme-partner's token
     * @param globex globex-partner's token
     * @param agent agent1's token
     */
    record Tokens(String acme, String globex, String agent) {}
}
