/**
 * What remedy-service learns from case-service's events: its own quorum queue {@code remedy-service.case-events}
 * with a dead-letter queue, consumed idempotently (each event id is applied once). An opened case is kept in a
 * small read model ({@link org.amends.remedies.cases.Cases}) and gets the remedies the policy suggests.
 */
@NullMarked
package org.amends.remedies.cases;

import org.jspecify.annotations.NullMarked;
