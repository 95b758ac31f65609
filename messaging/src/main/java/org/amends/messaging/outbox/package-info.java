/**
 * The transactional outbox (ADR 1): a service's events are written with its change, in one transaction, and a relay
 * publishes them to {@code amends.events} with publisher confirms.
 */
@NullMarked
package org.amends.messaging.outbox;

import org.jspecify.annotations.NullMarked;
