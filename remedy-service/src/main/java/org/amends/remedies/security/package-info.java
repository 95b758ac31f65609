/** Who may do what: JWT resource server, realm roles and the calling party. */
@NullMarked
package org.amends.remedies.security;

import org.jspecify.annotations.NullMarked;
