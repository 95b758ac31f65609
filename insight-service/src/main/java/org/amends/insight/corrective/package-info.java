/**
 * Corrective actions (CAPA) analysts attach to a problem: description, owner, due date and status. Marking one
 * {@code DONE} starts its effectiveness watch ({@code org.amends.insight.recurrence}).
 */
@NullMarked
package org.amends.insight.corrective;

import org.jspecify.annotations.NullMarked;
