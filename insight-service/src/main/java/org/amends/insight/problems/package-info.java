/**
 * Problems: cases that share product and error kind, ranked by impact (a Pareto view) with counts over time, affected
 * customers, remedy cost, open cases, a root-cause breakdown and their corrective actions; the corrective-action and
 * admin endpoints of the API live here too.
 */
@NullMarked
package org.amends.insight.problems;

import org.jspecify.annotations.NullMarked;
