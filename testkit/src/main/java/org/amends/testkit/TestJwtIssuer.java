package org.amends.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Issues Keycloak-shaped JWTs for security slices without a Keycloak: a real RSA key, a real JWK Set served over HTTP
 * on loopback, so the service under test validates signatures exactly as it does in production. End-to-end tests use
 * {@link TestKeycloak} instead.
 */
public final class TestJwtIssuer implements AutoCloseable {

    /** The audience the {@code amends} realm puts in every token meant for the Amends API. */
    public static final String AUDIENCE = "amends-api";

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;

    private TestJwtIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.issuer = "http://localhost:" + server.getAddress().getPort() + "/realms/amends";
    }

    /** Starts an issuer with a fresh key and its JWK Set endpoint. */
    public static TestJwtIssuer start() {
        try {
            var key = newKey();
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/realms/amends/protocol/openid-connect/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (var body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
            return new TestJwtIssuer(key, server);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the test JWK Set endpoint", e);
        }
    }

    /** The {@code iss} of every token, like Keycloak's {@code http://host:port/realms/amends}. */
    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/protocol/openid-connect/certs";
    }

    /** A valid five-minute access token for the persona. */
    public String token(Persona persona) {
        return token(persona, UnaryOperator.identity());
    }

    /** A token for the persona with its claims changed by {@code change}, e.g. to expire it or change its audience. */
    public String token(Persona persona, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, change.apply(claims(persona)).build());
    }

    /** A token with the right claims signed by a key this issuer never published. */
    public String tokenSignedByAnotherKey(Persona persona) {
        return sign(newKey(), claims(persona).build());
    }

    private JWTClaimsSet.Builder claims(Persona persona) {
        var now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(persona.subject())
                .audience(List.of(AUDIENCE, "account"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer")
                .claim("azp", persona.clientId())
                .claim("preferred_username", persona.username())
                .claim("realm_access", Map.of("roles", persona.roles()));
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            var header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(signingKey.getKeyID())
                    .build();
            var jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
