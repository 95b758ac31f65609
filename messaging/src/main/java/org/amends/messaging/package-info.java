/**
 * Reliable messaging for Amends services: the transactional outbox and its confirming relay, the consumer inbox and
 * dead letters with their reason, and {@link org.amends.messaging.CachedPlans} for the transactions that let
 * PostgreSQL keep plans (ADR 12). Infrastructure only, no domain types (ADR 8); each service owns its tables
 * (DDL in {@code org/amends/messaging/*.sql}, copied into the service's Flyway migrations).
 */
@NullMarked
package org.amends.messaging;

import org.jspecify.annotations.NullMarked;
