/**
 * The web portal's backend-for-frontend: OIDC login against Keycloak, a server-side session in Redis holding the
 * tokens, the access token relayed to the services for {@code /portal/api/**}, CSRF protection, and the portal's and
 * the customers' status pages.
 */
@NullMarked
package org.amends.gateway.portal;

import org.jspecify.annotations.NullMarked;
