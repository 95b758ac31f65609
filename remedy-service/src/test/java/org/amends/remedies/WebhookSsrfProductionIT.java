package org.amends.remedies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.amends.testkit.Persona;
import org.amends.testkit.ServiceApi;
import org.amends.testkit.ServiceProperties;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhook registration with the address guard as production runs it (https only, no loopback), unlike every other
 * IT here, whose receivers listen on plain http on loopback: every spelling of loopback, of the local host and of
 * internal ranges is refused with a problem and nothing is stored. Nothing is ever called: registration only checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class WebhookSsrfProductionIT {

    static final TestPostgres.Database DATABASE = TestPostgres.freshDatabase("remedy_ssrf");
    static final TestRabbit.VirtualHost VHOST = TestRabbit.freshVirtualHost("remedy_ssrf");
    static final TestJwtIssuer TOKENS = TestJwtIssuer.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceProperties.of(DATABASE, VHOST, TOKENS).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("amends.remedies.webhooks.production-mode", () -> "true");
        registry.add("amends.remedies.webhooks.allow-loopback", () -> "false");
        // A second application context in the IT JVM: keep its pool small, the shared server's connections are few.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "2");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ServiceApi api;

    @BeforeEach
    void api() {
        api = new ServiceApi("http://localhost:" + port, TOKENS);
    }

    ServiceApi.Response register(Persona partner, String url) {
        return api.post(
                "/api/partner/webhooks",
                partner,
                "{\"url\": %s, \"remedyTypes\": [\"REFUND\"]}".formatted(ServiceApi.JSON.writeValueAsString(url)));
    }

    static Persona newPartner() {
        return Persona.partner("partner-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hooks",
                "https://127.8.9.10/hooks",
                "https://localhost/hooks",
                "https://LOCALHOST./hooks",
                "https://[::1]/hooks",
                "https://[0:0:0:0:0:0:0:1]/hooks",
                "https://[::ffff:127.0.0.1]/hooks",
                "https://[::ffff:7f00:1]/hooks",
                "https://2130706433/hooks",
                "https://0177.0.0.1/hooks",
                "https://0x7f000001/hooks",
                "https://127.1/hooks",
                "https://0/hooks",
                "https://[::]/hooks",
                "https://10.0.0.1/hooks",
                "https://169.254.169.254/latest/meta-data/",
                "https://[fd00::1]/hooks",
                "https://[fe80::1]/hooks",
                "http://203.0.113.10/hooks",
                "https://user@203.0.113.10/hooks",
                "https://203.0.113.10/hooks#fragment"
            })
    void anUnsafeUrlIsRefusedAndNotStored(String url) {
        var partner = newPartner();

        var response = register(partner, url);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("https://amends.org/problems/validation");
        assertThat(response.json().path("errors").get(0).path("field").asString())
                .isEqualTo("url");
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE partner = ?")
                        .param(partner.clientId())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aPublicHttpsUrlIsAccepted() {
        var response = register(newPartner(), "https://203.0.113.10/hooks");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }
}
