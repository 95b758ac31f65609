/** Security headers the gateway sets on every response, whatever the service answered. */
@NullMarked
package org.amends.gateway.headers;

import org.jspecify.annotations.NullMarked;
