package org.amends.gateway.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The portal's pages (static HTML whose scripts fill them from {@code /portal/api/**}), the customers' status page,
 * who is signed in, and the message bundles in English and Spanish that every visible text comes from.
 */
@Configuration(proxyBeanMethods = false)
class PortalPages {

    static final Set<String> LANGUAGES = Set.of("en", "es");

    @Bean
    RouterFunction<ServerResponse> portalRoutes() {
        return RouterFunctions.route()
                .GET("/", request -> redirect("/portal/queue"))
                .GET("/portal", request -> redirect("/portal/queue"))
                .GET("/portal/queue", request -> page("queue"))
                .GET("/portal/intake", request -> page("intake"))
                .GET("/portal/cases/{id}", request -> page("case"))
                .GET("/portal/approvals", request -> page("approvals"))
                .GET("/portal/risk", request -> page("risk"))
                .GET("/portal/problems", request -> page("problems"))
                .GET("/portal/problems/{id}", request -> page("problem"))
                .GET("/portal/alerts", request -> page("alerts"))
                .GET("/portal/figures", request -> page("figures"))
                .GET("/portal/incidents", request -> page("incidents"))
                .GET("/portal/incidents/{id}", request -> page("incident"))
                .GET("/portal/signed-out", request -> page("signed-out"))
                .GET("/status/{token}", request -> page("status"))
                .GET("/portal/me", PortalPages::me)
                .GET("/i18n/{language}", PortalPages::messages)
                .build();
    }

    private static Mono<ServerResponse> page(String name) {
        return ServerResponse.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .bodyValue(PAGES.computeIfAbsent(name, PortalPages::assemble));
    }

    /** Pages as served, each put together on its first request. */
    private static final Map<String, byte[]> PAGES = new ConcurrentHashMap<>();

    private static final String STAFF_HEADER =
            "<!-- staff header: staff-header.fragment.html, put in by PortalPages -->\n";

    /** A page as served: the staff pages share one header and navigation instead of each repeating it. */
    static byte[] assemble(String name) {
        var html = read(name + ".html");
        if (html.contains(STAFF_HEADER)) {
            html = html.replace(STAFF_HEADER, read("staff-header.fragment.html"));
        }
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(String file) {
        try {
            return new ClassPathResource("portal/pages/" + file).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mono<ServerResponse> redirect(String path) {
        return ServerResponse.seeOther(URI.create(path)).build();
    }

    /** The signed-in user's name and realm roles, for the navigation; never a token. */
    private static Mono<ServerResponse> me(ServerRequest request) {
        return request.principal()
                .cast(Authentication.class)
                .flatMap(user -> ServerResponse.ok()
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(Map.of(
                                "name",
                                user.getName(),
                                "roles",
                                user.getAuthorities().stream()
                                        .map(GrantedAuthority::getAuthority)
                                        .filter(role -> role.startsWith("ROLE_"))
                                        .map(role -> role.substring("ROLE_".length()))
                                        .sorted()
                                        .toList())));
    }

    private static Mono<ServerResponse> messages(ServerRequest request) {
        var language = request.pathVariable("language");
        if (!LANGUAGES.contains(language)) {
            return ServerResponse.notFound().build();
        }
        return ServerResponse.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
                .bodyValue(bundle(language));
    }

    /** The bundle of one language as a map; English is the base bundle, so a key missing in Spanish shows English. */
    static Map<String, String> bundle(String language) {
        var bundle = ResourceBundle.getBundle(
                "portal.messages",
                Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        var messages = new TreeMap<String, String>();
        for (var key : bundle.keySet()) {
            messages.put(key, bundle.getString(key));
        }
        return messages;
    }
}
