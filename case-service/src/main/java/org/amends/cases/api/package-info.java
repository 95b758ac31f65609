/** The HTTP API of cases and the one place that turns every error into an RFC 9457 problem. */
@NullMarked
package org.amends.cases.api;

import org.jspecify.annotations.NullMarked;
