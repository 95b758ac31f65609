package org.amends.remedies.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsOfOneCurrencyAddUpInMinorUnits() {
        assertThat(Money.of(1050, "EUR").plus(Money.of(1, "EUR"))).isEqualTo(Money.of(1051, "EUR"));
    }

    @Test
    void amountsOfDifferentCurrenciesDoNotMix() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD")));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(1, "EUR").compareTo(Money.of(1, "USD")));
    }

    @Test
    void negativeAmountsAndUnknownCurrenciesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(-1, "EUR"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Money.of(1, "XYZ"))
                .withMessageContaining("ISO 4217");
    }

    @Test
    void printsWithTheCurrencysOwnDecimals() {
        assertThat(Money.of(1505, "EUR")).hasToString("15.05 EUR");
        assertThat(Money.of(1505, "JPY")).hasToString("1505 JPY");
        assertThat(Money.of(1505, "BHD")).hasToString("1.505 BHD");
    }

    @Test
    void comparesByAmountWithinACurrency() {
        assertThat(Money.of(2000, "EUR").isGreaterThan(Money.of(1999, "EUR"))).isTrue();
        assertThat(Money.of(2000, "EUR").isGreaterThan(Money.of(2000, "EUR"))).isFalse();
        assertThat(Money.zero(java.util.Currency.getInstance("EUR")).isZero()).isTrue();
    }
}
