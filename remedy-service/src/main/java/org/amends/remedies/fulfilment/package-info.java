/** How accepted remedies are delivered: the internal credit ledger and partners' signed webhooks. */
@NullMarked
package org.amends.remedies.fulfilment;

import org.jspecify.annotations.NullMarked;
