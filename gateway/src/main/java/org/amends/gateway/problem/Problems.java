package org.amends.gateway.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.amends.gateway.correlation.CorrelationId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the RFC 9457 problems the gateway answers on its own (401, 403, 413, 429, 503, 504, ...), so that a partner
 * gets the same shape from the edge as from the services behind it, always with the request's correlation id.
 */
@Component
public class Problems {

    /** Where the problem types of every Amends API are documented. */
    public static final String TYPE_BASE = "https://amends.org/problems/";

    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    /** The problem the gateway answers with {@code status}, typed {@code slug}, for this exchange. */
    public ProblemDetail problem(ServerWebExchange exchange, HttpStatus status, String slug, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(status.getReasonPhrase());
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        problem.setProperty("correlationId", CorrelationId.of(exchange));
        return problem;
    }

    /** Answers the exchange with the problem; the caller sets any extra headers (Retry-After, ...) first. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String slug, String detail) {
        return write(exchange, problem(exchange, status, slug, detail));
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(PROBLEM_JSON);
        var body = json.writeValueAsString(asMap(problem)).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private static LinkedHashMap<String, Object> asMap(ProblemDetail problem) {
        // Written by hand so the members come in the RFC's order and nothing but the RFC's members and ours appears.
        var members = new LinkedHashMap<String, Object>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }
}
