/**
 * What insight-service learns from case-service's events: its own quorum queue {@code insight-service.case-events}
 * with a dead-letter queue, consumed idempotently (each event id is applied once). Problems, recurrence and the
 * service figures build on this.
 */
@NullMarked
package org.amends.insight.cases;

import org.jspecify.annotations.NullMarked;
