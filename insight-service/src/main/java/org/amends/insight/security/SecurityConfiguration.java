package org.amends.insight.security;

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
 * Who may call what. Analysts, supervisors and admins read insight; analysts (and admins, through the realm's
 * composites) write corrective actions; analysts and supervisors acknowledge alerts; only admins rebuild the read
 * models. Agents and partners are refused. Health, metrics and the API description are open.
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
                        .requestMatchers("/api/insights/admin/**")
                        .hasRole("admin")
                        .requestMatchers(HttpMethod.GET, "/api/insights/**")
                        .hasAnyRole("analyst", "supervisor")
                        .requestMatchers(HttpMethod.POST, "/api/insights/alerts/*/acknowledgement")
                        .hasAnyRole("analyst", "supervisor")
                        .requestMatchers("/api/insights/**")
                        .hasRole("analyst")
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }
}
