/** insight-service: problems, recurrence, spikes, reputation risk and service figures, built only from events. */
@NullMarked
package org.amends.insight;

import org.jspecify.annotations.NullMarked;
