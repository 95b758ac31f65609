package org.amends.gateway.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amends.gateway.problem.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;
import reactor.core.publisher.Mono;

/**
 * The portal's security chain, separate from the bearer-token API chain ({@code ApiSecurity}) and ahead of it: it
 * owns the portal's paths only. A user logs in through Keycloak (authorization code with PKCE, confidential client);
 * the tokens stay in the server-side session (Redis, via Spring Session), which the browser knows by an HttpOnly,
 * SameSite=Lax cookie; {@code /portal/api/**} is routed to the services with the session's access token as a bearer
 * token ({@code TokenRelay}), so browser JavaScript never sees a token. State-changing requests need the CSRF token
 * (double-submit: the {@code XSRF-TOKEN} cookie echoed in the {@code X-XSRF-TOKEN} header or a {@code _csrf} field).
 * Logout ends the Keycloak session too (OIDC RP-initiated logout).
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

    /** Everything this chain owns; every other path falls to the API chain, unchanged for partners. */
    static final String[] PORTAL_PATHS = {
        "/", "/portal", "/portal/**", "/login/**", "/oauth2/**", "/logout", "/status/**", "/assets/**", "/i18n/**"
    };

    /** Open without login: the customers' status page, the shared files, the message bundles. */
    static final String[] PUBLIC_PATHS = {"/", "/status/**", "/assets/**", "/i18n/**", "/portal/signed-out"};

    /** Answered with a 401 problem rather than a redirect to the login page: called by the pages' scripts. */
    static final String[] SCRIPT_PATHS = {"/portal/api/**", "/portal/me"};

    static final String LOGIN = "/oauth2/authorization/" + PortalProperties.REGISTRATION;
    static final String SESSION_COOKIE = "AMENDS_SESSION";

    /**
     * The realm's endpoints are configured rather than discovered, so the gateway starts without Keycloak; the
     * discovery document's {@code issuer} and {@code end_session_endpoint} are given as its metadata, which the ID
     * token's issuer check and the RP-initiated logout read.
     */
    @Bean
    ReactiveClientRegistrationRepository portalClientRegistrations(PortalProperties portal) {
        var browser = portal.issuerUri() + "/protocol/openid-connect";
        var backchannel = portal.backchannel() + "/protocol/openid-connect";
        var registration = ClientRegistration.withRegistrationId(PortalProperties.REGISTRATION)
                .clientName("Amends")
                .clientId(portal.clientId())
                .clientSecret(portal.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(browser + "/auth")
                .tokenUri(backchannel + "/token")
                .jwkSetUri(backchannel + "/certs")
                .issuerUri(portal.issuerUri())
                .userNameAttributeName("preferred_username")
                .providerConfigurationMetadata(
                        Map.of("issuer", portal.issuerUri(), "end_session_endpoint", browser + "/logout"))
                .build();
        return new InMemoryReactiveClientRegistrationRepository(registration);
    }

    /** The authorized clients (access and refresh tokens) live in the web session, so in Redis with it. */
    @Bean
    ServerOAuth2AuthorizedClientRepository portalAuthorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /**
     * The user's realm roles, read from the access token (checked like any API token: signature, issuer, audience
     * {@code amends-api}), so the pages can show what the role allows. The services stay the authority.
     */
    @Bean
    ReactiveOAuth2UserService<OidcUserRequest, OidcUser> portalUsers(ReactiveJwtDecoder apiTokens) {
        var oidc = new OidcReactiveOAuth2UserService();
        return request -> oidc.loadUser(request)
                .flatMap(user -> apiTokens
                        .decode(request.getAccessToken().getTokenValue())
                        .map(token -> (OidcUser) new DefaultOidcUser(
                                roles(token), user.getIdToken(), user.getUserInfo(), "preferred_username")));
    }

    static List<GrantedAuthority> roles(Jwt token) {
        var authorities = new ArrayList<GrantedAuthority>();
        if (token.getClaim("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof List<?> roles) {
            for (var role : roles) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
        }
        return authorities;
    }

    /** The session cookie: HttpOnly, SameSite=Lax (the login's redirect back from Keycloak must carry it). */
    @Bean
    WebSessionIdResolver portalSessionCookie() {
        var resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(SESSION_COOKIE);
        resolver.addCookieInitializer(
                cookie -> cookie.httpOnly(true).sameSite("Lax").path("/"));
        return resolver;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain portalFilterChain(
            ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations, Problems problems) {
        var pkce = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var logoutSuccess = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        logoutSuccess.setPostLogoutRedirectUri("{baseUrl}/portal/signed-out");
        var csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(PORTAL_PATHS))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(PUBLIC_PATHS)
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2Login(login -> login.authorizationRequestResolver(pkce)
                        .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/portal/queue")))
                .logout(logout -> logout.logoutSuccessHandler(logoutSuccess))
                // The plain (not masked) handler: the scripts echo the cookie's value as it is.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler()))
                .addFilterAfter(issueCsrfCookie(), SecurityWebFiltersOrder.CSRF)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint(problems)))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                // SecurityHeaders sets the edge's headers, the portal's CSP included, on every response.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .build();
    }

    /** Pages go to the login; the scripts' calls get a 401 problem, on which the page reloads into the login. */
    private static ServerAuthenticationEntryPoint entryPoint(Problems problems) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, failure) ->
                problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Sign in to the portal first.");
        var entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(ServerWebExchangeMatchers.pathMatchers(SCRIPT_PATHS), unauthorized));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(LOGIN));
        return entryPoint;
    }

    /** The token is made lazily; asking for it makes the repository set the {@code XSRF-TOKEN} cookie. */
    private static WebFilter issueCsrfCookie() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
        };
    }
}
