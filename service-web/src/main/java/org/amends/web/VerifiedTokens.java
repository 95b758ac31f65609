package org.amends.web;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens already verified, so a partner's token is parsed, its signature checked and its claims
 * validated once, not on every request it is sent with (JFR put that at an eighth of case-service's CPU under intake
 * load: Base64 and JSON parsing, building the RSA key from the JWK, the RSA verification, the claim conversion). Every
 * servlet service gets it around its resource server's decoder ({@link ServiceWebAutoConfiguration}); the gateway has a
 * reactive twin.
 *
 * <p>A token is remembered by its exact text, so only the very same signed bytes hit the cache, and only until its
 * {@code exp} (not the validator's clock skew beyond it); a token without {@code exp} or not yet valid is never
 * remembered. Refusals are never remembered. When the cache is full it is emptied: it is bounded, and it refills
 * with the tokens in use.
 */
public final class VerifiedTokens implements JwtDecoder {

    static final int MAX_TOKENS = 10_000;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        var now = clock.instant();
        var known = verified.get(token);
        if (known != null) {
            var expiresAt = known.getExpiresAt();
            if (expiresAt != null && now.isBefore(expiresAt)) {
                return known;
            }
            verified.remove(token, known);
        }
        var jwt = verifier.decode(token);
        var expiresAt = jwt.getExpiresAt();
        var notBefore = jwt.getNotBefore();
        if (expiresAt != null && now.isBefore(expiresAt) && (notBefore == null || !now.isBefore(notBefore))) {
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
