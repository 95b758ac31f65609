package org.amends.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.config.observation.SecurityObservationSettings;

/** What the shared plumbing sets up in a servlet service beside Boot's own auto-configuration. */
class ServiceWebAutoConfigurationTest {

    private final WebApplicationContextRunner services = new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(JacksonAutoConfiguration.class, ServiceWebAutoConfiguration.class));

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
