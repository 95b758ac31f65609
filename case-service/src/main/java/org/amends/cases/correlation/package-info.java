/** Correlation ids: echoed or created per request and put in the logging context. */
@NullMarked
package org.amends.cases.correlation;

import org.jspecify.annotations.NullMarked;
