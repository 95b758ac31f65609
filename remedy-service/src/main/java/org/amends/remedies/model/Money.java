package org.amends.remedies.model;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount of one currency in integer minor units (cents), never floating point: what a remedy is worth.
 *
 * @param minorUnits the amount in the currency's minor units, never negative
 * @param currency an ISO 4217 currency
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (minorUnits < 0) {
            throw new IllegalArgumentException("money is never negative: " + minorUnits);
        }
    }

    /** Reads the wire form ({@code minorUnits} + ISO 4217 code); an unknown code is refused. */
    public static Money of(long minorUnits, String currencyCode) {
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an ISO 4217 currency: " + currencyCode, e);
        }
        return new Money(minorUnits, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public boolean isSameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    /** Amounts of different currencies are not comparable: there is no exchange rate in here. */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    private void requireSameCurrency(Money other) {
        if (!isSameCurrencyAs(other)) {
            throw new IllegalArgumentException("cannot combine " + currencyCode() + " with " + other.currencyCode());
        }
    }

    /** E.g. {@code 15.00 EUR}, for messages; never parsed back. */
    @Override
    public String toString() {
        var digits = Math.max(currency.getDefaultFractionDigits(), 0);
        if (digits == 0) {
            return minorUnits + " " + currencyCode();
        }
        var factor = (long) Math.pow(10, digits);
        return String.format("%d.%0" + digits + "d %s", minorUnits / factor, minorUnits % factor, currencyCode());
    }
}
