/**
 * Partner fulfilment by webhook: partners register their own endpoints (the signing secret is shown once), deliveries
 * are signed as the Standard Webhooks specification says, retried with exponential backoff and jitter for a
 * configurable period, and guarded against server-side request forgery at registration and again at delivery.
 */
@NullMarked
package org.amends.remedies.fulfilment.webhook;

import org.jspecify.annotations.NullMarked;
