/** Correlation ids: accepted or minted at the edge, passed upstream, echoed on every response and logged. */
@NullMarked
package org.amends.gateway.correlation;

import org.jspecify.annotations.NullMarked;
