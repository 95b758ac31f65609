/**
 * What remedy-service learns from case-service's events: its own quorum queue {@code remedy-service.case-events}
 * with a dead-letter queue, consumed idempotently (each event id is applied once). Remedy proposal on
 * {@code amends.case.opened.v1} builds on this.
 */
@NullMarked
package org.amends.remedies.cases;

import org.jspecify.annotations.NullMarked;
