/** Bulk remedy: one remedy rule per incident, previewed against the budgets, approved once, applied to every case. */
@NullMarked
package org.amends.remedies.incidents;

import org.jspecify.annotations.NullMarked;
