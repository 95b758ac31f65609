/**
 * Web plumbing shared by the servlet services (ADR 9): the correlation-id filter, the realm-role mapping of Keycloak
 * tokens and the problem answers of the security chain. No domain types, no business rules.
 */
@NullMarked
package org.amends.web;

import org.jspecify.annotations.NullMarked;
