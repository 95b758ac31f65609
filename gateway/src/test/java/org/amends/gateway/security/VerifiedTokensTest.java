package org.amends.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.amends.testkit.Persona;
import org.amends.testkit.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The gateway's token cache in front of a real reactive Nimbus decoder that checks signature, issuer and expiry. */
class VerifiedTokensTest {

    private static final Persona ACME = Persona.partner("acme-partner");

    private static TestJwtIssuer issuer;
    private static NimbusReactiveJwtDecoder nimbus;

    private final AtomicInteger verifications = new AtomicInteger();
    private final ReactiveJwtDecoder counting = token -> {
        verifications.incrementAndGet();
        return nimbus.decode(token);
    };

    @BeforeAll
    static void startIssuer() {
        issuer = TestJwtIssuer.start();
        nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
        nimbus.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer.issuer()));
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Test
    void theSameTokenIsVerifiedOnceAndGivesTheSameClaims() {
        var tokens = new VerifiedTokens(counting, Clock.systemUTC());
        var token = issuer.token(ACME);

        Jwt first = tokens.decode(token).block();
        Jwt second = tokens.decode(token).block();

        assertThat(verifications).hasValue(1);
        assertThat(second).isNotNull();
        assertThat(second.getClaims()).isEqualTo(first.getClaims());
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsNeverRememberedAndRefusedEveryTime() {
        var tokens = new VerifiedTokens(counting, Clock.systemUTC());
        var forged = issuer.tokenSignedByAnotherKey(ACME);

        assertThatThrownBy(() -> tokens.decode(forged).block()).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged).block()).isInstanceOf(JwtException.class);

        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void pastItsExpiryARememberedTokenIsLeftToTheVerifierAgain() {
        var expiresAt = Instant.now().plus(Duration.ofMinutes(2));
        var token = issuer.token(ACME, claims -> claims.expirationTime(Date.from(expiresAt)));
        var early = new VerifiedTokens(counting, Clock.fixed(expiresAt.minusSeconds(60), ZoneOffset.UTC));
        early.decode(token).block();
        early.decode(token).block();
        assertThat(verifications).hasValue(1);

        // The same remembered entry, read at its expiry: the verifier decides again (and, its own clock being the
        // system's, still accepts the token; the cache never serves it past exp).
        var late = new VerifiedTokens(counting, Clock.fixed(expiresAt, ZoneOffset.UTC));
        late.decode(token).block();
        late.decode(token).block();

        assertThat(verifications).hasValue(3);
        assertThat(late.size()).isZero();
    }

    @Test
    void aTokenWithoutExpiryIsNeverRemembered() {
        var tokens = new VerifiedTokens(counting, Clock.systemUTC());
        var token = issuer.token(ACME, claims -> claims.expirationTime(null));

        tokens.decode(token).block();
        tokens.decode(token).block();

        assertThat(verifications).hasValue(2);
    }
}
