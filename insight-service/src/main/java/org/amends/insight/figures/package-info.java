/**
 * Service figures for a time range (time to acknowledge and resolve, SLA breaches, remedy cost, CSAT with and without
 * a remedy, deflection, learning rate) and the open-problems gauge.
 */
@NullMarked
package org.amends.insight.figures;

import org.jspecify.annotations.NullMarked;
