package org.amends.cases.security;

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
 * Who may call what. Partners file cases and read their own; agents (and supervisors and admins through the realm's
 * composites) do everything; analysts only read. Which cases a partner sees is decided per case in the lifecycle.
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
                        // The customer's status page: the token in the path is the credential, checked by the page.
                        .requestMatchers("/api/public/**")
                        .permitAll()
                        // The API description is public: partners read it before they have credentials.
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**")
                        .permitAll()
                        // A customer's personal data, whole: only an admin exports or erases it.
                        .requestMatchers("/api/privacy/**")
                        .hasRole("admin")
                        // Incidents: supervisors (and admins) run them; staff read them; a partner reads and reports
                        // affected customers only for incidents that list it, decided per incident.
                        .requestMatchers(HttpMethod.POST, "/api/incidents/*/affected")
                        .hasAnyRole("supervisor", "partner")
                        .requestMatchers(HttpMethod.GET, "/api/jobs/*", "/api/incidents/*/jobs")
                        .hasAnyRole("supervisor", "partner")
                        .requestMatchers(HttpMethod.GET, "/api/incidents", "/api/incidents/**")
                        .hasAnyRole("partner", "agent", "analyst")
                        .requestMatchers("/api/incidents", "/api/incidents/**")
                        .hasRole("supervisor")
                        .requestMatchers(HttpMethod.POST, "/api/cases")
                        .hasAnyRole("partner", "agent")
                        .requestMatchers(HttpMethod.GET, "/api/cases/*/acknowledgement/preview")
                        .hasAnyRole("agent", "analyst")
                        .requestMatchers(HttpMethod.GET, "/api/cases", "/api/cases/**")
                        .hasAnyRole("partner", "agent", "analyst")
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/notes")
                        .hasAnyRole("partner", "agent")
                        .requestMatchers("/api/cases/**")
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
