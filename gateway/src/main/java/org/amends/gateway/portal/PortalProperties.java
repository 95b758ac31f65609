package org.amends.gateway.portal;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's login ({@code amends.portal.*}).
 *
 * @param issuerUri the realm as the browser reaches it (login and logout pages) and as it names itself in tokens
 * @param backchannelUri the realm as the gateway reaches it (token endpoint, signing keys), when that differs
 *     (e.g. {@code http://keycloak:8180/realms/amends} inside compose); empty: {@code issuerUri}
 * @param clientId the realm's confidential client for the portal
 * @param clientSecret its secret
 */
@ConfigurationProperties("amends.portal")
public record PortalProperties(
        @DefaultValue("http://localhost:8180/realms/amends") String issuerUri,
        @Nullable String backchannelUri,
        @DefaultValue("amends-portal") String clientId,
        @DefaultValue("amends-portal-secret") String clientSecret) {

    /** The registration id, which names the login path {@code /oauth2/authorization/keycloak}. */
    public static final String REGISTRATION = "keycloak";

    /** Scheme, host and port of the realm: where the login and logout forms may go. */
    public String issuerOrigin() {
        var uri = URI.create(issuerUri);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    String backchannel() {
        return backchannelUri == null || backchannelUri.isBlank() ? issuerUri : backchannelUri;
    }
}
