/**
 * The customer's rights over their data: an admin exports everything case-service holds about one customer, or
 * erases it (the cases keep their anonymised facts for the statistics, and the erasure fans out to the other services
 * as {@code amends.case.customer-erased.v1}). Both are written to the audit log.
 */
@NullMarked
package org.amends.cases.privacy;

import org.jspecify.annotations.NullMarked;
