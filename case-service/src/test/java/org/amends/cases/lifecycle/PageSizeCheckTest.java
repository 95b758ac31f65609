package org.amends.cases.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code limit} of every list: absent is the default, else a whole number within the bounds. */
class PageSizeCheckTest {

    @Test
    void absentIsTheDefaultAndAnInRangeNumberIsTaken() {
        var checks = new InvalidRequestException.Checks();

        assertThat(checks.pageSize("limit", null, 20, 100)).isEqualTo(20);
        assertThat(checks.pageSize("limit", "1", 20, 100)).isEqualTo(1);
        assertThat(checks.pageSize("limit", "100", 20, 100)).isEqualTo(100);
        checks.throwIfAny();
    }

    @Test
    void outOfRangeOrNotANumberIsRefusedByName() {
        for (var bad : new String[] {"0", "101", "-3", "ten", ""}) {
            var checks = new InvalidRequestException.Checks();
            checks.pageSize("limit", bad, 20, 100);

            assertThatThrownBy(checks::throwIfAny)
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.violations())
                                    .singleElement()
                                    .satisfies(v -> assertThat(v.field()).isEqualTo("limit")));
        }
    }
}
