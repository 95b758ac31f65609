package org.amends.gateway.security;

import java.time.Clock;
import org.amends.gateway.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Who may pass the gateway: {@code /api/**} needs a bearer token that Boot's resource-server support has checked
 * against the realm's JWK Set (signature), issuer, time window and the {@code amends-api} audience (see
 * {@code spring.security.oauth2.resourceserver.jwt.*}); health, metrics, the public status API and the API documents
 * are open. The services check the same token
 * again: the gateway relays the {@code Authorization} header unchanged and is not their authority. The web portal's
 * paths have their own session-based chain ({@code org.amends.gateway.portal.PortalSecurity}), matched before this one.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class ApiSecurity {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);

    /**
     * Wraps the resource server's token decoder (Boot's, with signature, issuer, audience and time checks) in a cache
     * of verified tokens. On the system clock, as the decoder's own time check is.
     */
    @Bean
    static BeanPostProcessor verifiedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder, Clock.systemUTC())
                        : bean;
            }
        };
    }

    /**
     * Spring Security observes nothing: no observation around its filter chain, authentication or authorization on
     * every request, and so no wrapper around each filter. Nothing reads them; the route metrics time each request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring's strict firewall, with plain header values (the ~1 KB bearer token above all) passed by a loop. */
    @Bean
    ServerWebExchangeFirewall firewall() {
        return PlainHeaders.firewall();
    }

    /** Last: the portal's session chain claims its own paths first; everything else is the token API's. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain apiFilterChain(ServerHttpSecurity http, Problems problems) {
        var entryPoint = unauthorized(problems);
        var accessDenied = forbidden(problems);
        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
                        .permitAll()
                        // Open to all: the customers' status API (its token is in the path) and the API documents.
                        .pathMatchers(
                                "/api/public/**",
                                "/api/docs",
                                "/api/docs/**",
                                "/v3/api-docs/case",
                                "/v3/api-docs/remedy",
                                "/v3/api-docs/insight",
                                "/v3/api-docs/swagger-config")
                        .permitAll()
                        .pathMatchers("/api", "/api/**")
                        .authenticated()
                        .anyExchange()
                        .denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(PlainHeaders.bearerTokens())
                        .jwt(jwt -> {})
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                // A token API: no sessions, no CSRF tokens, no login pages, no saved requests.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // SecurityHeaders sets the edge's headers on every response, including the ones Security writes.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .build();
    }

    private static ServerAuthenticationEntryPoint unauthorized(Problems problems) {
        return (exchange, failure) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate(failure));
            return problems.write(
                    exchange,
                    HttpStatus.UNAUTHORIZED,
                    "unauthorized",
                    "A valid bearer token issued by the Amends realm for the amends-api audience is required.");
        };
    }

    private static ServerAccessDeniedHandler forbidden(Problems problems) {
        return (exchange, denied) -> {
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
            return problems.write(
                    exchange, HttpStatus.FORBIDDEN, "forbidden", "This token may not call this resource.");
        };
    }

    /** RFC 6750: {@code invalid_token} when a token came and was refused; a bare challenge when none came. */
    private static String wwwAuthenticate(AuthenticationException failure) {
        // Which check failed (expiry, audience, ...) goes to our debug log only: telling the caller helps forgers.
        if (failure instanceof OAuth2AuthenticationException) {
            log.debug("bearer token refused: {}", failure.getMessage());
            return "Bearer error=\"invalid_token\"";
        }
        return "Bearer";
    }
}
