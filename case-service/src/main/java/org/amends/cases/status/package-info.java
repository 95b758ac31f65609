/**
 * The customer's status page: the unguessable, expiring, revocable token that opens one case, what the customer sees
 * through it (the customer-visible timeline and the offered remedies), their answer to an offer and their rating.
 */
@NullMarked
package org.amends.cases.status;

import org.jspecify.annotations.NullMarked;
