/** Approval limits by role and monthly budgets per error kind: who must approve a remedy, and what is left to spend. */
@NullMarked
package org.amends.remedies.approval;

import org.jspecify.annotations.NullMarked;
