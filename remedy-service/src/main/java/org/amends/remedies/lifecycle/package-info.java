/**
 * A remedy's lifecycle as the API and the events see it: proposals (from policy on a new case, or by an agent),
 * approval within limits and budget, the offer, the customer's answer, and fulfilment through the ledger, a partner
 * or support. Every step stores the remedy and its event (outbox) in one transaction.
 */
@NullMarked
package org.amends.remedies.lifecycle;

import org.jspecify.annotations.NullMarked;
