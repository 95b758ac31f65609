/** The HTTP edge shared by every feature's controller: correlation ids, errors as RFC 9457 problems, the API document. */
@NullMarked
package org.amends.insight.web;

import org.jspecify.annotations.NullMarked;
