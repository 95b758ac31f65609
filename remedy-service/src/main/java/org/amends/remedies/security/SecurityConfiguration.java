package org.amends.remedies.security;

import org.amends.web.RealmRoles;
import org.amends.web.SecurityProblems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Partners manage their own webhooks and confirm their own fulfilments; agents (and supervisors
 * and admins through the realm's composites) work remedies, approving only within their limit, which the lifecycle
 * decides per remedy; analysts read; only admins edit the policy catalogue.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RealmRoles());
        var unauthorized = SecurityProblems.unauthorized(json);
        var forbidden = SecurityProblems.forbidden(json);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        // The API description is public: partners read it before they have credentials.
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers("/api/partner/**")
                        .hasRole("partner")
                        // One customer's whole remedy record: only an admin exports it.
                        .requestMatchers("/api/remedies/customers/**")
                        .hasRole("admin")
                        .requestMatchers(HttpMethod.PUT, "/api/remedies/policies")
                        .hasRole("admin")
                        // An incident's bulk remedy: supervisors set the rule, staff who judge cost preview it, one
                        // admin approves it for every linked case.
                        .requestMatchers(HttpMethod.PUT, "/api/incidents/*/remedy-rule")
                        .hasRole("supervisor")
                        .requestMatchers(
                                HttpMethod.GET, "/api/incidents/*/remedy-rule/preview", "/api/remedies/incident-rules")
                        .hasAnyRole("supervisor", "analyst")
                        .requestMatchers(HttpMethod.POST, "/api/incidents/*/remedy-rule/approval")
                        .hasRole("admin")
                        .requestMatchers(HttpMethod.GET, "/api/remedies/**", "/api/cases/*/remedies")
                        .hasAnyRole("agent", "analyst")
                        .requestMatchers("/api/remedies/**", "/api/cases/*/remedies")
                        .hasRole("agent")
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }
}
