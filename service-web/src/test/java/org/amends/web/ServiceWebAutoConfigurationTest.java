package org.amends.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/** What the shared plumbing sets up in a servlet service beside Boot's own auto-configuration. */
class ServiceWebAutoConfigurationTest {

    private final WebApplicationContextRunner services = new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(JacksonAutoConfiguration.class, ServiceWebAutoConfiguration.class));

    /** A package-private record, as the services' views and events are. */
    record View(String reference, long amountMinor, Nested nested) {}

    record Nested(boolean open) {}

    @Test
    void theServicesJsonMapperUsesGeneratedAccessorsAndStillRoundTripsPackagePrivateRecords() {
        services.run(context -> {
            var json = context.getBean(JsonMapper.class);
            assertThat(json.registeredModules()).anyMatch(BlackbirdModule.class::isInstance);

            var view = new View("AMD-000042", 1250, new Nested(true));
            var written = json.writeValueAsString(view);

            assertThat(written)
                    .isEqualTo("{\"reference\":\"AMD-000042\",\"amountMinor\":1250,\"nested\":{\"open\":true}}");
            assertThat(json.readValue(written, View.class)).isEqualTo(view);
        });
    }

    @Test
    void springSecurityReadsHeadersThroughThePlainPaths() {
        services.run(context -> {
            assertThat(context.getBean(HttpFirewall.class)).isInstanceOf(StrictHttpFirewall.class);
            var tokens = context.getBean(BearerTokenResolver.class);
            assertThat(tokens).isNotInstanceOf(DefaultBearerTokenResolver.class);
            var request = new MockHttpServletRequest("POST", "/api/cases");
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln");
            assertThat(tokens.resolve(request)).isEqualTo("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln");
        });
    }

    @Test
    void aServicesOwnFirewallAndResolverAreKept() {
        var firewall = new StrictHttpFirewall();
        BearerTokenResolver resolver = request -> "its own";
        services.withBean(HttpFirewall.class, () -> firewall)
                .withBean(BearerTokenResolver.class, () -> resolver)
                .run(context -> {
                    assertThat(context.getBean(HttpFirewall.class)).isSameAs(firewall);
                    assertThat(context.getBean(BearerTokenResolver.class)).isSameAs(resolver);
                });
    }

    @Test
    void springSecurityObservesNoRequestAuthenticationOrAuthorization() {
        services.run(context -> {
            var settings = context.getBean(SecurityObservationSettings.class);
            assertThat(settings.shouldObserveRequests()).isFalse();
            assertThat(settings.shouldObserveAuthentications()).isFalse();
            assertThat(settings.shouldObserveAuthorizations()).isFalse();
        });
    }
}
