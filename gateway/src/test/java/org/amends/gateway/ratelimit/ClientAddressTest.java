package org.amends.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final InetAddress PROXY = InetAddress.ofLiteral("10.0.0.7");
    private static final InetAddress STRANGER = InetAddress.ofLiteral("203.0.113.50");

    @Nested
    class WithoutTrustedProxies {

        private final ClientAddress addresses = new ClientAddress(List.of());

        @Test
        void theConnectionsAddressIsTheClientWhateverXForwardedForSays() {
            assertThat(addresses.of(STRANGER, List.of("198.51.100.1"))).isEqualTo("203.0.113.50");
            assertThat(addresses.of(PROXY, List.of("198.51.100.1"))).isEqualTo("10.0.0.7");
        }
    }

    @Nested
    class BehindTrustedProxies {

        private final ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.1"));

        @Test
        void aCallFromATrustedProxyCountsAgainstTheAddressItSaw() {
            assertThat(addresses.of(PROXY, List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        }

        @Test
        void onlyTheEntriesTrustedProxiesWroteAreBelieved() {
            // The client wrote 1.2.3.4 itself; 192.0.2.1 (trusted) saw it come from 198.51.100.1.
            assertThat(addresses.of(PROXY, List.of("1.2.3.4, 198.51.100.1, 192.0.2.1")))
                    .isEqualTo("198.51.100.1");
            assertThat(addresses.of(PROXY, List.of("1.2.3.4", "198.51.100.1")))
                    .as("the header sent more than once reads as one list")
                    .isEqualTo("198.51.100.1");
        }

        @Test
        void aCallFromAnUntrustedAddressCannotChooseItsAddress() {
            assertThat(addresses.of(STRANGER, List.of("198.51.100.1"))).isEqualTo("203.0.113.50");
        }

        @Test
        void withoutTheHeaderTheProxyItselfIsTheClient() {
            assertThat(addresses.of(PROXY, List.of())).isEqualTo("10.0.0.7");
        }

        @Test
        void whenEveryHopIsTrustedTheFarthestIsTheClient() {
            assertThat(addresses.of(PROXY, List.of("10.1.1.1, 192.0.2.1"))).isEqualTo("10.1.1.1");
        }

        @Test
        void somethingOtherThanAnAddressStopsTheWalkAtTheLastHopBelieved() {
            assertThat(addresses.of(PROXY, List.of("198.51.100.1, evil.example, 192.0.2.1")))
                    .isEqualTo("192.0.2.1");
        }

        @Test
        void ipv6AddressesAndRangesWork() {
            var v6 = new ClientAddress(List.of("fd00::/8"));

            assertThat(v6.of(InetAddress.ofLiteral("fd00::1"), List.of("2001:db8::5")))
                    .isEqualTo("2001:db8:0:0:0:0:0:5");
            assertThat(v6.of(InetAddress.ofLiteral("2001:db8::9"), List.of("2001:db8::5")))
                    .isEqualTo("2001:db8:0:0:0:0:0:9");
        }
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressOrRangeIsRefusedAtStartUp() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddress(List.of("proxy.internal")));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")));
    }
}
