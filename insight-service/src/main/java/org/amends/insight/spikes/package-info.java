/**
 * Spike detection: per signature, the cases opened in a sliding window against the signature's own EWMA baseline;
 * {@code amends.insight.spike-detected.v1} once per episode. Event time, not arrival time, drives it.
 */
@NullMarked
package org.amends.insight.spikes;

import org.jspecify.annotations.NullMarked;
