/**
 * The case follows its remedies: remedy-service's events, consumed once each from {@code case-service.remedy-events},
 * become timeline entries and the remedies the status page shows; all accepted remedies delivered resolve the case,
 * a failed one escalates it.
 */
@NullMarked
package org.amends.cases.remedies;

import org.jspecify.annotations.NullMarked;
