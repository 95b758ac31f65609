/**
 * Incidents: one known mistake of ours that hits many customers, its bilingual statement and updates, the cases linked
 * to it (automatically at intake, by hand, or proactively from a streamed list of affected customers) and the
 * resolution that resolves them.
 */
@NullMarked
package org.amends.cases.incidents;

import org.jspecify.annotations.NullMarked;
