package org.amends.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.amends.testkit.Persona;
import org.amends.testkit.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The token cache in front of a real Nimbus decoder that checks signature, issuer and expiry. */
class VerifiedTokensTest {

    private static final Persona ACME = Persona.partner("acme-partner");

    private static TestJwtIssuer issuer;
    private static NimbusJwtDecoder nimbus;

    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder counting = token -> {
        verifications.incrementAndGet();
        return nimbus.decode(token);
    };

    @BeforeAll
    static void startIssuer() {
        issuer = TestJwtIssuer.start();
        nimbus = NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
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

        Jwt first = tokens.decode(token);
        Jwt second = tokens.decode(token);

        assertThat(verifications).hasValue(1);
        assertThat(second.getClaims()).isEqualTo(first.getClaims());
        assertThat(second.getClaimAsString("azp")).isEqualTo(first.getClaimAsString("azp"));
    }

    @Test
    void anotherTokenIsVerifiedOnItsOwn() {
        var tokens = new VerifiedTokens(counting, Clock.systemUTC());

        tokens.decode(issuer.token(ACME));
        tokens.decode(issuer.token(Persona.agent("agent1")));

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRememberedAndRefusedEveryTime() {
        var tokens = new VerifiedTokens(counting, Clock.systemUTC());
        var forged = issuer.tokenSignedByAnotherKey(ACME);

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);

        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void pastItsExpiryARememberedTokenIsLeftToTheVerifierAgain() {
        var expiresAt = Instant.now().plus(Duration.ofMinutes(2));
        var token = issuer.token(ACME, claims -> claims.expirationTime(Date.from(expiresAt)));
        var now = new AtomicReference<>(expiresAt.minusSeconds(60));
        var tokens = new VerifiedTokens(counting, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        });
        tokens.decode(token);
        tokens.decode(token);
        assertThat(verifications).hasValue(1);

        now.set(expiresAt);
        tokens.decode(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenWithoutExpiryIsNeverRemembered() {
        var tokens = new VerifiedTokens(counting, Clock.systemUTC());
        var token = issuer.token(ACME, claims -> claims.expirationTime(null));

        tokens.decode(token);
        tokens.decode(token);

        assertThat(verifications).hasValue(2);
    }
}
