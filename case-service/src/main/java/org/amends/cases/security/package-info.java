/** Who may do what: JWT resource server, realm roles and the submitting party. */
@NullMarked
package org.amends.cases.security;

import org.jspecify.annotations.NullMarked;
