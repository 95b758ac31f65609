/**
 * Follows insight-service's reputation alerts: a case whose public exposure became a risk is escalated to a
 * supervisor, with insight's reasons on its internal timeline.
 */
@NullMarked
package org.amends.cases.reputation;

import org.jspecify.annotations.NullMarked;
