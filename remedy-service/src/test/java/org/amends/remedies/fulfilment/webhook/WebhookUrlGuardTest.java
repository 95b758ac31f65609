package org.amends.remedies.fulfilment.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlGuardTest {

    /** A DNS of our own: names that resolve where an attacker would like them to. */
    static final Map<String, String> DNS = Map.of(
            "partner.example", "93.184.216.34",
            "rebound.example", "10.1.2.3",
            "metadata.example", "169.254.169.254",
            "mixed.example", "93.184.216.34,127.0.0.1");

    static List<InetAddress> resolve(String host) throws UnknownHostException {
        var addresses = DNS.get(host);
        if (addresses == null) {
            return List.of(InetAddress.getAllByName(host));
        }
        var resolved = new java.util.ArrayList<InetAddress>();
        for (var address : addresses.split(",")) {
            resolved.add(InetAddress.getByName(address));
        }
        return resolved;
    }

    final WebhookUrlGuard production = new WebhookUrlGuard(true, false, WebhookUrlGuardTest::resolve);
    final WebhookUrlGuard testing = new WebhookUrlGuard(false, true, WebhookUrlGuardTest::resolve);

    @Test
    void aPublicHttpsUrlIsAccepted() {
        assertThat(production.check("https://partner.example/hooks").getHost()).isEqualTo("partner.example");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hooks",
                "https://localhost/hooks",
                "https://10.0.0.1/hooks",
                "https://172.16.5.4/hooks",
                "https://192.168.0.1/hooks",
                "https://169.254.169.254/latest/meta-data/",
                "https://metadata.example/",
                "https://rebound.example/hooks",
                "https://mixed.example/hooks",
                "https://100.64.0.1/hooks",
                "https://0.0.0.0/hooks",
                "https://[::1]/hooks",
                "https://[fd00:ec2::254]/hooks",
                "https://[fe80::1]/hooks",
                "https://[::ffff:127.0.0.1]/hooks",
                "https://224.0.0.1/hooks"
            })
    void internalAddressesAreRefused(String url) {
        assertThatThrownBy(() -> production.check(url))
                .isInstanceOf(UnsafeWebhookUrlException.class)
                .hasMessageStartingWith("resolves to a");
    }

    @Test
    void productionModeAcceptsOnlyHttps() {
        assertThatThrownBy(() -> production.check("http://partner.example/hooks"))
                .hasMessage("must be an https URL");
        assertThat(testing.check("http://partner.example/hooks")).isNotNull();
    }

    @Test
    void loopbackIsAcceptedOnlyWhenATestAllowsItAndNeverPrivateRanges() {
        assertThat(testing.check("http://127.0.0.1:8443/hooks").getPort()).isEqualTo(8443);
        assertThatThrownBy(() -> testing.check("http://10.0.0.1/hooks")).isInstanceOf(UnsafeWebhookUrlException.class);
        assertThatThrownBy(() -> testing.check("http://169.254.169.254/"))
                .isInstanceOf(UnsafeWebhookUrlException.class);
    }

    @Test
    void userInfoUnresolvableHostsAndNonUrlsAreRefused() {
        assertThatThrownBy(() -> production.check("https://me:secret@partner.example/"))
                .hasMessage("must not carry user info");
        assertThatThrownBy(() -> production.check("https://does-not-exist.invalid/"))
                .hasMessage("host does not resolve");
        assertThatThrownBy(() -> production.check("https://exa mple.com/")).hasMessage("is not a URL");
    }
}
