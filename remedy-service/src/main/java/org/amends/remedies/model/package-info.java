/**
 * The remedy domain in plain Java: money, remedy types, who must approve, and the {@link org.amends.remedies.model.Remedy}
 * aggregate whose intention-named methods guard each lifecycle step and return the event it causes.
 */
@NullMarked
package org.amends.remedies.model;

import org.jspecify.annotations.NullMarked;
