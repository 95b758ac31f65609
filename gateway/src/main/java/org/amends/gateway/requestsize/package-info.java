/** The limit on request body size, refused with a problem before the body reaches a service. */
@NullMarked
package org.amends.gateway.requestsize;

import org.jspecify.annotations.NullMarked;
