package org.amends.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests each client may make: a token bucket refilled at {@code replenishRate} per second holding at most
 * {@code burstCapacity}, with per-client overrides keyed by the client's name (a partner's client id, a user's
 * username).
 *
 * @param replenishRate requests per second every client may sustain unless overridden
 * @param burstCapacity requests a client may make at once after being idle
 * @param redisTimeout how long to wait for Redis before letting the request through uncounted
 * @param lease how much of a busy client's budget one gateway replica takes from Redis at once, as time at the
 *     client's replenish rate (50 ms of 200/s: 10 tokens, one Redis round trip per 10 requests); a budget too small
 *     to lease two tokens, and {@code 0}, go to Redis for every request (see {@link LeasedTokens})
 * @param clients overrides by client name
 * @param anonymous the budget of each client address for calls without a token (the public status API, the API
 *     documents)
 * @param trustedProxies addresses or CIDR ranges of the proxies in front of the gateway whose
 *     {@code X-Forwarded-For} is believed; empty, the header is ignored
 */
@ConfigurationProperties("amends.gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue("200") int replenishRate,
        @DefaultValue("400") long burstCapacity,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("50ms") Duration lease,
        Map<String, Limit> clients,
        Limit anonymous,
        List<String> trustedProxies) {

    RateLimitProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        anonymous = anonymous == null ? new Limit(20, 60) : anonymous;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        if (lease.isNegative()) {
            throw new IllegalArgumentException("a rate limit's lease cannot be negative (got " + lease + ")");
        }
        new Limit(replenishRate, burstCapacity); // checks the default budget at start-up, as for each override
    }

    /** One client's bucket. */
    record Limit(int replenishRate, long burstCapacity) {
        Limit {
            if (replenishRate < 1 || burstCapacity < replenishRate) {
                throw new IllegalArgumentException("a rate limit needs replenishRate >= 1 and burstCapacity >= "
                        + "replenishRate (got " + replenishRate + "/s, burst " + burstCapacity + ")");
            }
        }

        /** Tokens one replica takes at once: {@code lease} at the replenish rate, at most a quarter of the burst. */
        long leaseTokens(Duration lease) {
            var atRate = replenishRate * lease.toMillis() / 1_000L;
            return Math.max(1, Math.min(atRate, burstCapacity / 4));
        }
    }

    Limit limitFor(String client) {
        return clients.getOrDefault(client, new Limit(replenishRate, burstCapacity));
    }
}
