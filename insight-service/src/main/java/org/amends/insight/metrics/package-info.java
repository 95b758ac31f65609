/** insight-service's business metrics for Prometheus, with bounded label sets (no ids, no customer data). */
@NullMarked
package org.amends.insight.metrics;

import org.jspecify.annotations.NullMarked;
