package org.amends.gateway.resilience;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breaker every route gets (one breaker per route, named for the service it reaches).
 *
 * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
 * @param slidingWindowSize how many recent calls the failure rate is computed over
 * @param minimumNumberOfCalls calls needed in the window before the rate counts
 * @param waitInOpenState how long an open circuit refuses calls before letting a few through
 * @param permittedCallsInHalfOpenState trial calls let through after that wait
 * @param timeLimit outer bound on one call; kept above the HTTP client's response timeout so that the client's
 *     timeout, which knows the route, is the one that answers 504
 * @param timeLimits the same for the breakers (named for their route) of routes given a longer response timeout in
 *     their metadata, such as the streamed upload of an incident's affected customers
 * @param maxConcurrentCalls calls one route may have in flight at once (its bulkhead); one more is answered 503 with
 *     {@code Retry-After} at once. Resilience4j's default of 25 capped the whole gateway at a few dozen requests a
 *     second; this is a guard against a runaway, not a meter of normal traffic
 */
@ConfigurationProperties("amends.gateway.circuit-breaker")
record CircuitBreakerProperties(
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("20") int slidingWindowSize,
        @DefaultValue("10") int minimumNumberOfCalls,
        @DefaultValue("10s") Duration waitInOpenState,
        @DefaultValue("3") int permittedCallsInHalfOpenState,
        @DefaultValue("15s") Duration timeLimit,
        @DefaultValue Map<String, Duration> timeLimits,
        @DefaultValue("1000") int maxConcurrentCalls) {}
