/** Circuit breakers and time limits that keep a slow or failing service from taking the gateway down. */
@NullMarked
package org.amends.gateway.resilience;

import org.jspecify.annotations.NullMarked;
