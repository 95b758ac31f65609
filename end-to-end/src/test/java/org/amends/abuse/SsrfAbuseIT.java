package org.amends.abuse;

import static org.amends.abuse.Abuse.acme;
import static org.amends.abuse.Abuse.assertProblem;
import static org.amends.abuse.Abuse.count;
import static org.amends.abuse.Abuse.platform;
import static org.amends.abuse.Abuse.post;
import static org.amends.endtoend.GatewayCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server-side request forgery (API7) through the gateway: webhook URLs into private ranges, link-local and the
 * metadata address, unique-local IPv6, and addresses in spellings resolvers disagree on are refused at registration
 * with a problem naming {@code url}, and no endpoint is stored. The platform runs remedy-service allowing loopback (the
 * saga's partner listens there); remedy-service's own {@code WebhookSsrfProductionIT} refuses loopback too, as
 * production does. Nothing here is ever called: the guard refuses before any connection.
 */
class SsrfAbuseIT {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1/hooks",
                "http://172.16.0.1/hooks",
                "http://192.168.1.1/hooks",
                "http://169.254.169.254/latest/meta-data/",
                "http://[fd00::1]/hooks",
                "http://[fe80::1]/hooks",
                "http://[::ffff:10.0.0.1]/hooks",
                "http://[::ffff:a9fe:a9fe]/hooks",
                "http://100.64.0.1/hooks",
                "http://0.0.0.0/hooks",
                "http://2130706433/hooks",
                "http://0177.0.0.1/hooks",
                "http://0x7f.0.0.1/hooks",
                "http://012.0.0.1/hooks",
                "http://user:pass@partner.example/hooks",
                "file:///etc/passwd",
                "gopher://127.0.0.1:6379/_FLUSHALL"
            })
    void aWebhookUrlIntoAnInternalNetworkIsRefusedAndNotStored(String url) {
        var response = post(
                "/api/partner/webhooks",
                acme(),
                "{\"url\":" + org.amends.endtoend.GatewayCalls.JSON.writeValueAsString(url)
                        + ",\"remedyTypes\":[\"REFUND\"]}");

        assertProblem(response, 400);
        assertThat(json(response).path("errors").path(0).path("field").asString())
                .isEqualTo("url");
        assertThat(count(platform().remedyDatabase(), "SELECT count(*) FROM webhook_endpoints WHERE url = ?", url))
                .isZero();
    }
}
