package org.amends.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeasedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LeasedTokens leased = new LeasedTokens(Duration.ofSeconds(1), 3, now::get);

    @Test
    void aClientWithoutALeaseGoesToRedis() {
        assertThat(leased.take("acme-partner")).isEqualTo(-1);
    }

    @Test
    void aLeaseIsSpentOneTokenARequestAndTellsWhatTheClientHasLeftInAll() {
        leased.grant("acme-partner", 3, 100);

        assertThat(leased.take("acme-partner")).isEqualTo(102);
        assertThat(leased.take("acme-partner")).isEqualTo(101);
        assertThat(leased.take("acme-partner")).isEqualTo(100);
        assertThat(leased.take("acme-partner")).as("spent: back to Redis").isEqualTo(-1);
        assertThat(leased.take("globex-partner"))
                .as("one client's lease is its own")
                .isEqualTo(-1);
    }

    @Test
    void aLeaseNotSpentWithinItsValidityIsDropped() {
        leased.grant("acme-partner", 5, 100);
        assertThat(leased.take("acme-partner")).isEqualTo(104);

        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(leased.take("acme-partner")).isEqualTo(-1);
        assertThat(leased.clients()).isZero();
    }

    @Test
    void aNewLeaseReplacesTheOldOneWithoutAddingToIt() {
        leased.grant("acme-partner", 5, 100);
        leased.grant("acme-partner", 2, 90);

        assertThat(leased.take("acme-partner")).isEqualTo(91);
        assertThat(leased.take("acme-partner")).isEqualTo(90);
        assertThat(leased.take("acme-partner")).isEqualTo(-1);
    }

    @Test
    void nothingIsKeptForANothingLease() {
        leased.grant("acme-partner", 0, 100);

        assertThat(leased.clients()).isZero();
        assertThat(leased.take("acme-partner")).isEqualTo(-1);
    }

    @Test
    void manyClientsDropExpiredLeasesFirstThenAll() {
        leased.grant("a", 5, 10);
        leased.grant("b", 5, 10);
        now.addAndGet(Duration.ofMillis(600).toNanos());
        leased.grant("c", 5, 10);
        now.addAndGet(Duration.ofMillis(600).toNanos());

        leased.grant("d", 5, 10);
        assertThat(leased.clients()).as("a and b expired and were dropped").isEqualTo(2);
        assertThat(leased.take("c")).isEqualTo(14);

        leased.grant("e", 5, 10);
        assertThat(leased.clients()).isEqualTo(3);
        leased.grant("f", 5, 10);
        assertThat(leased.clients())
                .as("none expired: all dropped, then f's kept")
                .isEqualTo(1);
        assertThat(leased.take("f")).isEqualTo(14);
        assertThat(leased.take("d")).isEqualTo(-1);
    }
}
