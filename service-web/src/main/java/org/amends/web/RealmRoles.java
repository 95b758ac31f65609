package org.amends.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns Keycloak's {@code realm_access.roles} into {@code ROLE_<role>} authorities, expanding the realm's composites
 * (admin ⊃ supervisor + analyst, supervisor ⊃ agent) in case a token carries only the composite role.
 */
public final class RealmRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    public static final String PREFIX = "ROLE_";

    private static final Map<String, List<String>> COMPOSITES =
            Map.of("admin", List.of("supervisor", "analyst"), "supervisor", List.of("agent"));

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        var roles = new LinkedHashSet<String>();
        var realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess != null && realmAccess.get("roles") instanceof Collection<?> granted) {
            granted.forEach(role -> expand(String.valueOf(role), roles));
        }
        var authorities = new ArrayList<GrantedAuthority>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(PREFIX + role)));
        return authorities;
    }

    private static void expand(String role, Set<String> into) {
        if (into.add(role)) {
            COMPOSITES.getOrDefault(role, List.of()).forEach(implied -> expand(implied, into));
        }
    }
}
