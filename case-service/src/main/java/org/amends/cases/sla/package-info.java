/** SLA clocks for acknowledgement and resolution: due times by severity and the scheduled job that records each breach once. */
@NullMarked
package org.amends.cases.sla;

import org.jspecify.annotations.NullMarked;
