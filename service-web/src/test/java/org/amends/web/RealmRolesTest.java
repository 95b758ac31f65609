package org.amends.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class RealmRolesTest {

    private static List<String> authorities(Map<String, Object> claims) {
        var jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claims(c -> c.putAll(claims))
                .issuedAt(Instant.now())
                .build();
        return new RealmRoles()
                .convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void anAdminTokenCarriesEveryRoleTheRealmsCompositesImply() {
        assertThat(authorities(Map.of("realm_access", Map.of("roles", List.of("admin")))))
                .containsExactlyInAnyOrder("ROLE_admin", "ROLE_supervisor", "ROLE_analyst", "ROLE_agent");
    }

    @Test
    void aPartnerTokenIsOnlyAPartner() {
        assertThat(authorities(Map.of("realm_access", Map.of("roles", List.of("partner")))))
                .containsExactly("ROLE_partner");
    }

    @Test
    void aTokenWithoutRealmRolesHasNone() {
        assertThat(authorities(Map.of("sub", "someone"))).isEmpty();
    }
}
