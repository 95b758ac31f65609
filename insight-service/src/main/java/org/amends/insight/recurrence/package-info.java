/**
 * The effectiveness watch of corrective actions: a case of a problem opened after its action was marked done (plus a
 * grace period) is a recurrence; the action becomes ineffective and {@code amends.insight.recurrence-detected.v1} is
 * published.
 */
@NullMarked
package org.amends.insight.recurrence;

import org.jspecify.annotations.NullMarked;
