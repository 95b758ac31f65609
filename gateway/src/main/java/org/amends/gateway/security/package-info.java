/** Bearer-token authentication of API calls against the Keycloak realm's signing keys. */
@NullMarked
package org.amends.gateway.security;

import org.jspecify.annotations.NullMarked;
