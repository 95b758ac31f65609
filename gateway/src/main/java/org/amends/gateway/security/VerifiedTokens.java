package org.amends.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the bearer tokens already verified, so a partner's token is parsed, its signature checked and its claims
 * validated once per process, not on every request it is sent with (JFR of the gateway under intake load: 6 % of its
 * samples were Nimbus decoding and verifying the same token again). The servlet services have the same cache
 * ({@code org.amends.web.VerifiedTokens}); the rules are the same: a token is remembered by its exact text, only
 * until its {@code exp}, never when it has no {@code exp} or is not yet valid, and refusals are never remembered. When
 * the cache is full it is emptied: it is bounded, and it refills with the tokens in use.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    static final int MAX_TOKENS = 10_000;

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokens(ReactiveJwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        var known = verified.get(token);
        if (known != null) {
            var expiresAt = known.getExpiresAt();
            if (expiresAt != null && clock.instant().isBefore(expiresAt)) {
                return Mono.just(known);
            }
            verified.remove(token, known);
        }
        return verifier.decode(token).doOnNext(jwt -> remember(token, jwt, clock.instant()));
    }

    private void remember(String token, Jwt jwt, Instant now) {
        var expiresAt = jwt.getExpiresAt();
        var notBefore = jwt.getNotBefore();
        if (expiresAt != null && now.isBefore(expiresAt) && (notBefore == null || !now.isBefore(notBefore))) {
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
    }

    int size() {
        return verified.size();
    }
}
