/**
 * Events published by remedy-service about a remedy's lifecycle; money travels as {@code amountMinorUnits} plus an
 * ISO 4217 {@code currency}.
 */
@NullMarked
package org.amends.contracts.remedies;

import org.jspecify.annotations.NullMarked;
