/**
 * How one consumed event becomes insight: once per event id (the inbox), journalled for replay, applied to the read
 * models, then shown to the detectors (recurrence, spikes, reputation risk) in the same transaction.
 */
@NullMarked
package org.amends.insight.intake;

import org.jspecify.annotations.NullMarked;
