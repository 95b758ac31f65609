/** End-to-end tests: the built services as real processes behind the real gateway, with a real Keycloak. */
@NullMarked
package org.amends.endtoend;

import org.jspecify.annotations.NullMarked;
