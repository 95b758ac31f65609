/**
 * The abuse suite: OWASP API Security Top 10 (2023) attacks against the real gateway, Keycloak and services, each
 * refused with a problem answer and leaving nothing behind.
 */
@NullMarked
package org.amends.abuse;

import org.jspecify.annotations.NullMarked;
