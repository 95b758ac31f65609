/**
 * remedy-service's part of a customer's data rights: the admin's export of their remedies and credit ledger, and the
 * erasure case-service fans out. This service holds no names, contacts or customer-written text, only the
 * pseudonymous customer id, so an erasure is recorded (and shown in the export) rather than rewriting anything; the
 * ledger stays, as an accounting record under that id.
 */
@NullMarked
package org.amends.remedies.privacy;

import org.jspecify.annotations.NullMarked;
