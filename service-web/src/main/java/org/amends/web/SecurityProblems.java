package org.amends.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security chain's answers as RFC 9457 problems, in the same shape as every service's own problems: a missing or
 * bad token is a 401 {@code unauthorized} (with {@code WWW-Authenticate: Bearer}), a role that does not allow the call
 * a 403 {@code forbidden}; both carry the request's correlation id.
 */
public final class SecurityProblems {

    /** Where every problem type is documented. */
    public static final String TYPE_BASE = "https://amends.org/problems/";

    private SecurityProblems() {}

    public static AuthenticationEntryPoint unauthorized(JsonMapper json) {
        return (request, response, e) -> write(
                json, response, HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required.", request);
    }

    public static AccessDeniedHandler forbidden(JsonMapper json) {
        return (request, response, e) ->
                write(json, response, HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this.", request);
    }

    private static void write(
            JsonMapper json,
            HttpServletResponse response,
            HttpStatus status,
            String slug,
            String detail,
            HttpServletRequest request)
            throws IOException {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", TYPE_BASE + slug);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        var correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        if (correlationId != null) {
            problem.put("correlationId", correlationId);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
