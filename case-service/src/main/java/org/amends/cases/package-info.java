/** Case-service: intake, triage, SLA clocks, the mea-culpa acknowledgement, lifecycle and timeline of cases. */
@NullMarked
package org.amends.cases;

import org.jspecify.annotations.NullMarked;
