package org.amends.insight.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, as recorded on what they change: the person's user name. */
public final class Caller {

    private Caller() {}

    public static String name(Authentication authentication) {
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            var username = jwt.getClaimAsString("preferred_username");
            return username != null ? username : jwt.getSubject();
        }
        return authentication.getName();
    }
}
