package org.amends.remedies.security;

import java.util.HashSet;
import java.util.Set;
import org.amends.remedies.model.Authority;
import org.amends.web.RealmRoles;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling: a partner system (its client id) or a person (their user name), with their expanded realm roles. */
public record Party(String id, boolean isPartner, Set<String> roles) {

    public Party {
        roles = Set.copyOf(roles);
    }

    /** The party of an authenticated request: a partner by its {@code azp}, anyone else by user name. */
    public static Party of(Authentication authentication) {
        var roles = new HashSet<String>();
        for (var authority : authentication.getAuthorities()) {
            var name = authority.getAuthority();
            if (name != null && name.startsWith(RealmRoles.PREFIX)) {
                roles.add(name.substring(RealmRoles.PREFIX.length()));
            }
        }
        if (!(authentication.getPrincipal() instanceof Jwt jwt)) {
            return new Party(authentication.getName(), false, roles);
        }
        if (roles.contains("partner")) {
            var clientId = jwt.getClaimAsString("azp");
            return new Party(clientId != null ? clientId : jwt.getSubject(), true, roles);
        }
        var username = jwt.getClaimAsString("preferred_username");
        return new Party(username != null ? username : jwt.getSubject(), false, roles);
    }

    /** How far this party may approve remedies. */
    public Authority approvalAuthority() {
        return Authority.of(roles);
    }
}
