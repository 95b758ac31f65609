package org.amends.testkit;

import java.util.List;

/**
 * Who a test acts as: the claims a Keycloak token of the {@code amends} realm would carry for them.
 *
 * @param subject the token's {@code sub}
 * @param clientId the token's {@code azp}: the partner's client id, or the client a user logged in through
 * @param username the token's {@code preferred_username}
 * @param roles realm roles, as Keycloak puts them under {@code realm_access.roles}
 */
public record Persona(String subject, String clientId, String username, List<String> roles) {

    /** A partner system using client credentials, as Keycloak issues it for a service account. */
    public static Persona partner(String clientId) {
        return new Persona("service-account-" + clientId, clientId, "service-account-" + clientId, List.of("partner"));
    }

    public static Persona agent(String username) {
        return user(username, "agent");
    }

    public static Persona supervisor(String username) {
        return user(username, "supervisor");
    }

    public static Persona analyst(String username) {
        return user(username, "analyst");
    }

    public static Persona admin(String username) {
        return user(username, "admin");
    }

    private static Persona user(String username, String role) {
        return new Persona("user-" + username, "amends-cli", username, List.of(role));
    }
}
