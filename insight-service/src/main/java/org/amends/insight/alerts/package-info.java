/** Alerts insight raised (recurrence, spike, reputation risk): listed for people and acknowledged by them. */
@NullMarked
package org.amends.insight.alerts;

import org.jspecify.annotations.NullMarked;
