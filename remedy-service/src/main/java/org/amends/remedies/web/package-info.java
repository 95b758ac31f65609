/** The HTTP edge shared by every feature's controller: correlation ids and errors as RFC 9457 problems. */
@NullMarked
package org.amends.remedies.web;

import org.jspecify.annotations.NullMarked;
