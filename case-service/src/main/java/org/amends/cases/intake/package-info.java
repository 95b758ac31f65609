/** Taking a case in from any channel: validation, customer pseudonyms, triage, idempotent retries. */
@NullMarked
package org.amends.cases.intake;

import org.jspecify.annotations.NullMarked;
