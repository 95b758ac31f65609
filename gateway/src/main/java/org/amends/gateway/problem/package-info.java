/** RFC 9457 problem responses written by the gateway itself, from one place. */
@NullMarked
package org.amends.gateway.problem;

import org.jspecify.annotations.NullMarked;
