/** Per-client rate limits, counted in Redis so every gateway replica shares one budget per client. */
@NullMarked
package org.amends.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
