/** Moves a stored case through its lifecycle and keeps its timeline: acknowledge, investigate, resolve, close, reopen, notes. */
@NullMarked
package org.amends.cases.lifecycle;

import org.jspecify.annotations.NullMarked;
