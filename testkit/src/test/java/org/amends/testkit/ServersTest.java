package org.amends.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServersTest {

    @Test
    void aPortTheKernelOffersAgainIsNotHandedOutTwice() {
        // As the kernel may do with a port just released: the same number offered again.
        var offered = List.of(65001, 65001, 65002).iterator();

        assertThat(Servers.notHandedOut(offered::next)).isEqualTo(65001);
        assertThat(Servers.notHandedOut(offered::next)).isEqualTo(65002);
    }

    @Test
    void aFreePortIsFreeAndNew() throws Exception {
        var first = Servers.freePort();
        var second = Servers.freePort();

        assertThat(second).isNotEqualTo(first);
        try (var socket = new java.net.ServerSocket(second, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(second);
        }
    }
}
