package org.amends.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.amends.gateway.problem.Problems;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The {@code ClientRateLimit} gateway filter: one token bucket per client in Redis, shared by every gateway replica,
 * using Spring Cloud Gateway's atomic token-bucket script. A call without a token counts against its client address
 * (see {@link ClientAddress}). It differs from the stock {@code RequestRateLimiter} in
 * what a refused caller gets: a {@code rate-limited} problem with {@code Retry-After}, and per-client budgets; and in
 * that a busy client's tokens are taken from Redis a few at a time ({@code lease}, {@link LeasedTokens}), so most
 * of its requests are counted without a round trip to Redis.
 *
 * <p>When Redis does not answer in time the request goes through uncounted (logged and counted in
 * {@code amends_gateway_rate_limit_unavailable_total}): losing the counters must not take the whole API down.
 */
@Component
class ClientRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private static final Logger log = LoggerFactory.getLogger(ClientRateLimitGatewayFilterFactory.class);

    private static final long WARNING_INTERVAL_NANOS = 10_000_000_000L;
    /** A lease not spent within this is dropped: a replica holds a client's tokens only for its next requests. */
    private static final Duration LEASE_VALIDITY = Duration.ofSeconds(1);
    /** Clients holding a lease at once, at most (one entry each: its counter and two numbers). */
    private static final int MAX_LEASING_CLIENTS = 10_000;

    static final String REMAINING = "X-RateLimit-Remaining";
    static final String REPLENISH_RATE = "X-RateLimit-Replenish-Rate";
    static final String BURST_CAPACITY = "X-RateLimit-Burst-Capacity";
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final RateLimitProperties properties;
    private final Problems problems;
    private final ClientAddress addresses;
    private final Counter unavailable;
    private final Counter refused;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
    private final LeasedTokens leased = new LeasedTokens(LEASE_VALIDITY, MAX_LEASING_CLIENTS, System::nanoTime);

    ClientRateLimitGatewayFilterFactory(
            ReactiveStringRedisTemplate redis,
            @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
            RateLimitProperties properties,
            Problems problems,
            MeterRegistry meters) {
        super(Object.class);
        this.redis = redis;
        this.script = script;
        this.properties = properties;
        this.problems = problems;
        this.addresses = new ClientAddress(properties.trustedProxies());
        this.unavailable = Counter.builder("amends.gateway.rate.limit.unavailable")
                .description("Requests let through uncounted because Redis did not answer")
                .register(meters);
        this.refused = Counter.builder("amends.gateway.rate.limit.refused")
                .description("Requests refused with 429 because their client's bucket was empty")
                .register(meters);
    }

    @Override
    public GatewayFilter apply(Object config) {
        return (exchange, chain) -> exchange.getPrincipal()
                .filter(principal -> !(principal instanceof AnonymousAuthenticationToken))
                .map(principal -> {
                    var client = clientOf(principal);
                    return new Bucket(client, properties.limitFor(client));
                })
                // No token (the public status API, the API documents): one budget per client address.
                .switchIfEmpty(Mono.fromSupplier(() -> new Bucket(
                        "address:"
                                + addresses.of(
                                        remoteAddress(exchange),
                                        exchange.getRequest().getHeaders().getValuesAsList(FORWARDED_FOR)),
                        properties.anonymous())))
                .flatMap(bucket -> {
                    var limit = bucket.limit();
                    var left = leased.take(bucket.client());
                    var counted = left >= 0 ? Mono.just(new Allowance(true, left)) : take(bucket.client(), limit);
                    return counted.flatMap(allowance -> {
                        var headers = exchange.getResponse().getHeaders();
                        headers.set(REPLENISH_RATE, Integer.toString(limit.replenishRate()));
                        headers.set(BURST_CAPACITY, Long.toString(limit.burstCapacity()));
                        if (allowance.remaining() >= 0) {
                            headers.set(REMAINING, Long.toString(allowance.remaining()));
                        }
                        if (allowance.allowed()) {
                            return chain.filter(exchange);
                        }
                        refused.increment();
                        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(allowance, limit)));
                        return problems.write(
                                exchange,
                                HttpStatus.TOO_MANY_REQUESTS,
                                "rate-limited",
                                "Too many requests from this client; retry after the number of seconds in "
                                        + "Retry-After.");
                    });
                });
    }

    private static @Nullable InetAddress remoteAddress(ServerWebExchange exchange) {
        var remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }

    /** The party a budget belongs to: the partner's client id, else the user, else the subject. */
    static String clientOf(Object principal) {
        if (principal instanceof JwtAuthenticationToken token) {
            var claims = token.getToken().getClaims();
            if (hasRole(claims, "partner") && claims.get("azp") instanceof String clientId) {
                return clientId;
            }
            if (claims.get("preferred_username") instanceof String username) {
                return username;
            }
            return token.getToken().getSubject();
        }
        return principal instanceof Authentication authentication ? authentication.getName() : "anonymous";
    }

    private static boolean hasRole(Map<String, Object> claims, String role) {
        return claims.get("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> roles
                && roles.contains(role);
    }

    /** Seconds until the bucket holds a token again (the script counts whole seconds, so at least one). */
    static long retryAfterSeconds(Allowance allowance, RateLimitProperties.Limit limit) {
        var missing = Math.max(1, 1 - allowance.remaining());
        return Math.max(1, Math.ceilDiv(missing, limit.replenishRate()));
    }

    /**
     * Counts a request in Redis, taking a lease of tokens for this client's next requests when its budget allows. An
     * empty bucket is refused at once; one holding fewer tokens than a lease gives what it has.
     */
    private Mono<Allowance> take(String client, RateLimitProperties.Limit limit) {
        var lease = limit.leaseTokens(properties.lease());
        return call(client, limit, lease).flatMap(answer -> {
            if (answer.allowed() || lease == 1 || answer.remaining() < 1) {
                return Mono.just(leaseRest(client, lease, answer));
            }
            var all = answer.remaining();
            return call(client, limit, all).map(rest -> leaseRest(client, all, rest));
        });
    }

    /** Keeps what a request took from Redis beyond its own token, and tells the client what it has left in all. */
    private Allowance leaseRest(String client, long took, Allowance answer) {
        if (!answer.allowed() || answer.remaining() < 0 || took == 1) {
            return answer;
        }
        leased.grant(client, took - 1, answer.remaining());
        return new Allowance(true, answer.remaining() + took - 1);
    }

    private Mono<Allowance> call(String client, RateLimitProperties.Limit limit, long tokens) {
        // Hash tags keep both keys of a client on one Redis Cluster slot, as the script needs.
        var prefix = "amends.rate-limit.{" + client + "}.";
        var keys = List.of(prefix + "tokens", prefix + "timestamp");
        var args = List.of(
                Integer.toString(limit.replenishRate()),
                Long.toString(limit.burstCapacity()),
                "",
                Long.toString(tokens));
        return Mono.defer(() -> redis.execute(script, keys, args).collect(ArrayList<Long>::new, ArrayList::addAll))
                .timeout(properties.redisTimeout())
                .map(result -> new Allowance(result.get(0) == 1L, result.get(1)))
                .onErrorResume(failure -> {
                    unavailable.increment();
                    warnUnavailable(failure);
                    return Mono.just(new Allowance(true, -1));
                });
    }

    /** One warning per ten seconds at most: an outage under load must not flood the log (the counter counts all). */
    private void warnUnavailable(Throwable failure) {
        var now = System.nanoTime();
        var last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("rate limits not counted, Redis unavailable: {}", failure.toString());
        }
    }

    /** Whose budget a request counts against, and how large it is. */
    private record Bucket(String client, RateLimitProperties.Limit limit) {}

    /** What the bucket said: whether this request may pass, and the tokens left ({@code -1} when unknown). */
    record Allowance(boolean allowed, long remaining) {}
}
