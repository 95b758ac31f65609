package org.amends.web;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * What every service's problem advice shares: RFC 9457 problems with a {@code type} of
 * {@code https://amends.org/problems/<slug>}, the request path as {@code instance} and the correlation id; 503 with
 * {@code Retry-After} while the database is out of reach; 500 {@code internal} for the unexpected, never a stack
 * trace; a body that is not JSON as {@code malformed-request}; Spring MVC's own errors (405, 406, 415, ...) in the
 * same shape. A service's advice extends it with its own exceptions.
 */
public abstract class ProblemAdviceSupport extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdviceSupport.class);

    /**
     * A JSON body with a value of the wrong type at {@code field} (e.g. {@code customer.locale}): the service answers
     * it as its validation problem.
     */
    protected abstract ResponseEntity<Object> wrongType(String field, WebRequest request);

    /**
     * The database is out of reach for a moment (a restart, a network cut, a failover): 503 with {@code Retry-After},
     * the honest answer, so clients retry (with the same {@code Idempotency-Key}) rather than give up on a 500.
     */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        CannotCreateTransactionException.class,
        TransactionSystemException.class
    })
    protected ResponseEntity<Object> databaseUnavailable(Exception e, WebRequest request) {
        log.warn("database unavailable: {}", e.toString());
        var problem = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "Our database is out of reach for a moment; retry shortly.");
        decorate(problem, request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    protected ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("unhandled error", e);
        return send(
                problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on our side."), request);
    }

    /** A body that is not JSON is malformed; JSON with a value of the wrong type is a validation problem. */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            var field = String.join(
                    ".",
                    mismatch.getPath().stream()
                            .map(ref -> ref.getPropertyName() != null
                                    ? ref.getPropertyName()
                                    : Integer.toString(ref.getIndex()))
                            .toList());
            return wrongType(field, request);
        }
        return send(
                problem(HttpStatus.BAD_REQUEST, "malformed-request", "The request body is missing or not valid JSON."),
                request);
    }

    /** Problems Spring MVC raises itself (405, 415, 406, ...) get our type and correlation id too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var problem = body instanceof ProblemDetail given
                ? given
                : ProblemDetail.forStatusAndDetail(status, "The request could not be processed.");
        problem.setType(URI.create(SecurityProblems.TYPE_BASE + slug(status)));
        decorate(problem, request);
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private static String slug(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "not-found";
            case 413 -> "payload-too-large";
            case 503 -> "service-unavailable";
            default -> status.is5xxServerError() ? "internal" : "malformed-request";
        };
    }

    /** A problem of one of our documented types. */
    protected static ProblemDetail problem(HttpStatus status, String slug, @Nullable String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(SecurityProblems.TYPE_BASE + slug));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** The problem as the answer, with the request path and the correlation id. */
    protected static ResponseEntity<Object> send(ProblemDetail problem, WebRequest request) {
        decorate(problem, request);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static void decorate(ProblemDetail problem, WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        var correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
    }
}
