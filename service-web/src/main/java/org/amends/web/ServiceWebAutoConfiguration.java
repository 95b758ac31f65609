package org.amends.web;

import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import tools.jackson.databind.JacksonModule;
import tools.jackson.module.blackbird.BlackbirdModule;

/** Registers the shared web plumbing in every servlet service that has this library on its class path. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServiceWebAutoConfiguration {

    @Bean
    CorrelationIdFilter correlationIdFilter() {
        return new CorrelationIdFilter();
    }

    /**
     * Spring Security observes nothing: no observation around each filter of its chain, its authentication or its
     * authorization, on every request. Nothing reads them (request metrics come from the HTTP server's own timers),
     * and with this setting the chain is not even wrapped (turning them off by property still wrapped every filter).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring's strict firewall, with plain header values (the ~1 KB bearer token above all) passed by a loop. */
    @Bean
    @ConditionalOnMissingBean
    HttpFirewall httpFirewall() {
        return PlainHeaders.firewall();
    }

    /** Spring's bearer-token resolver, with the usual {@code Authorization: Bearer} header read by a loop. */
    @Bean
    @ConditionalOnMissingBean
    BearerTokenResolver bearerTokenResolver() {
        return PlainHeaders.bearerTokens();
    }

    /**
     * Jackson reads and writes bean properties through generated accessors instead of reflection (Boot registers
     * every {@link JacksonModule} bean with its {@code JsonMapper}: the API's bodies and the outbox's events).
     */
    @Bean
    JacksonModule blackbird() {
        return new BlackbirdModule();
    }

    /**
     * Wraps the resource server's token decoder (Boot's, with issuer, audience and time checks) in a cache. On the
     * system clock, as the decoder's own time check is, whatever clock the application's rules run on.
     */
    @Bean
    static BeanPostProcessor verifiedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder, Clock.systemUTC())
                        : bean;
            }
        };
    }
}
