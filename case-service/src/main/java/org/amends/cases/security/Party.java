package org.amends.cases.security;

import java.util.HashSet;
import java.util.Set;
import org.amends.cases.lifecycle.model.Submitter;
import org.amends.cases.lifecycle.model.SubmitterKind;
import org.amends.web.RealmRoles;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling: a partner system (its client id) or a person (their user name), with their expanded realm roles.
 */
public record Party(String id, SubmitterKind kind, Set<String> roles) {

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
            return new Party(authentication.getName(), SubmitterKind.AGENT, roles);
        }
        if (roles.contains("partner")) {
            var clientId = jwt.getClaimAsString("azp");
            return new Party(clientId != null ? clientId : jwt.getSubject(), SubmitterKind.PARTNER, roles);
        }
        var username = jwt.getClaimAsString("preferred_username");
        return new Party(username != null ? username : jwt.getSubject(), SubmitterKind.AGENT, roles);
    }

    public boolean isPartner() {
        return kind == SubmitterKind.PARTNER;
    }

    public Submitter asSubmitter() {
        return new Submitter(id, kind);
    }

    /** Whether this party may see a case filed by {@code submitter}: partners only their own, staff every case. */
    public boolean maySee(Submitter submitter) {
        return !isPartner()
                || (submitter.kind() == SubmitterKind.PARTNER && submitter.id().equals(id));
    }
}
