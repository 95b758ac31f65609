/** remedy-service: remedy policy, approvals, fulfilment, the credit ledger and partner webhooks. */
@NullMarked
package org.amends.remedies;

import org.jspecify.annotations.NullMarked;
