package org.amends.gateway.apidocs;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The interactive API page's address: {@code /api/docs} redirects to Swagger UI, which springdoc serves under
 * {@code /api/docs/swagger-ui/} over the documents listed in {@code springdoc.swagger-ui.urls}.
 */
@Configuration(proxyBeanMethods = false)
class ApiPage {

    static final URI SWAGGER_UI = URI.create("/api/docs/swagger-ui/index.html");

    @Bean
    RouterFunction<ServerResponse> apiPageRedirect() {
        return RouterFunctions.route(
                RequestPredicates.GET("/api/docs").or(RequestPredicates.GET("/api/docs/")),
                request -> ServerResponse.status(HttpStatus.FOUND)
                        .location(SWAGGER_UI)
                        .build());
    }
}
