/** Who may do what: JWT resource server and the realm's roles. */
@NullMarked
package org.amends.insight.security;

import org.jspecify.annotations.NullMarked;
