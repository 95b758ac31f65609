/** The Amends gateway: the one entry that routes, authenticates, limits and protects every API call. */
@NullMarked
package org.amends.gateway;

import org.jspecify.annotations.NullMarked;
