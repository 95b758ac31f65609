/**
 * The internal double-entry credit ledger: each credit is a balanced transaction between the customer's account and
 * the remedies expense account; entries are immutable (the database refuses changes) and a reversal is a new entry.
 */
@NullMarked
package org.amends.remedies.fulfilment.ledger;

import org.jspecify.annotations.NullMarked;
