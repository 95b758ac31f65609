package org.amends.remedies.model;

import java.util.Set;

/**
 * How far someone may approve: the level a remedy needs ({@code AUTOMATIC} below the agent limit, {@code SUPERVISOR}
 * up to the supervisor limit, {@code ADMIN} above it or over budget) and the level a caller's roles give.
 */
public enum Authority {
    AUTOMATIC,
    SUPERVISOR,
    ADMIN;

    /** Whether someone with this authority may approve a remedy that needs {@code required}. */
    public boolean covers(Authority required) {
        return compareTo(required) >= 0;
    }

    /** The authority a caller's realm roles give; an agent approves only what would be approved automatically. */
    public static Authority of(Set<String> roles) {
        if (roles.contains("admin")) {
            return ADMIN;
        }
        if (roles.contains("supervisor")) {
            return SUPERVISOR;
        }
        return AUTOMATIC;
    }
}
