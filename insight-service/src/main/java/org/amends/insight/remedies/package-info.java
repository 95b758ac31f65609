/**
 * What insight-service learns from remedy-service's events: its own quorum queue {@code insight-service.remedy-events},
 * consumed idempotently. Remedy cost and outcomes per problem build on this.
 */
@NullMarked
package org.amends.insight.remedies;

import org.jspecify.annotations.NullMarked;
