/**
 * The consumer side: reading a CloudEvent envelope from a subscribed queue, applying each event id once (the
 * {@code processed_events} inbox), and dead-lettering what cannot be applied with the reason in a header.
 */
@NullMarked
package org.amends.messaging.inbox;

import org.jspecify.annotations.NullMarked;
