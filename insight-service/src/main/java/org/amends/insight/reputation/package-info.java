/**
 * Reputation risk of open cases: a 0–100 score from channel, audience, sentiment and time unresolved, each component
 * with its points and reason; crossing the threshold publishes {@code amends.insight.reputation-risk-raised.v1} once
 * per case.
 */
@NullMarked
package org.amends.insight.reputation;

import org.jspecify.annotations.NullMarked;
