package org.amends.cases.api;

import java.net.URI;
import java.util.List;
import org.amends.cases.incidents.IncidentNotFoundException;
import org.amends.cases.intake.IdempotencyKeyReusedException;
import org.amends.cases.lifecycle.CaseNotFoundException;
import org.amends.cases.lifecycle.ConcurrentUpdateException;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.PreconditionFailedException;
import org.amends.cases.lifecycle.model.IllegalTransitionException;
import org.amends.cases.privacy.CustomerNotFoundException;
import org.amends.web.CorrelationIdFilter;
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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one place errors become RFC 9457 problems: a {@code type} of {@code https://amends.org/problems/<slug>}, the
 * request path as {@code instance}, the correlation id, field errors for validation. Never a stack trace.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String TYPE_ROOT = "https://amends.org/problems/";

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e, WebRequest request) {
        var problem = problem(HttpStatus.BAD_REQUEST, "validation", "The request breaks one or more field rules.");
        problem.setProperty("errors", e.violations());
        return send(problem, request);
    }

    @ExceptionHandler({CaseNotFoundException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Object> notFound(Exception e, WebRequest request) {
        return send(problem(HttpStatus.NOT_FOUND, "not-found", "No such case."), request);
    }

    @ExceptionHandler(CustomerNotFoundException.class)
    ResponseEntity<Object> noCustomer(CustomerNotFoundException e, WebRequest request) {
        return send(problem(HttpStatus.NOT_FOUND, "not-found", "No such customer."), request);
    }

    @ExceptionHandler(IncidentNotFoundException.class)
    ResponseEntity<Object> incidentNotFound(IncidentNotFoundException e, WebRequest request) {
        return send(problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage()), request);
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<Object> illegalTransition(IllegalTransitionException e, WebRequest request) {
        return send(problem(HttpStatus.CONFLICT, "illegal-transition", e.getMessage()), request);
    }

    @ExceptionHandler(ConcurrentUpdateException.class)
    ResponseEntity<Object> conflict(ConcurrentUpdateException e, WebRequest request) {
        return send(problem(HttpStatus.CONFLICT, "conflict", e.getMessage()), request);
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ResponseEntity<Object> preconditionFailed(PreconditionFailedException e, WebRequest request) {
        return send(problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", e.getMessage()), request);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<Object> keyReused(IdempotencyKeyReusedException e, WebRequest request) {
        return send(problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", e.getMessage()), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e, WebRequest request) {
        return send(problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage()), request);
    }

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
    ResponseEntity<Object> databaseUnavailable(Exception e, WebRequest request) {
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
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
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
            return invalid(
                    new InvalidRequestException(
                            List.of(new InvalidRequestException.FieldViolation(field, "has the wrong type"))),
                    request);
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
        problem.setType(URI.create(TYPE_ROOT + slug(status)));
        decorate(problem, request);
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private static String slug(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "malformed-request";
            case 404 -> "not-found";
            case 413 -> "payload-too-large";
            case 503 -> "service-unavailable";
            default -> status.is5xxServerError() ? "internal" : "malformed-request";
        };
    }

    private static ProblemDetail problem(HttpStatus status, String slug, @Nullable String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_ROOT + slug));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    private static ResponseEntity<Object> send(ProblemDetail problem, WebRequest request) {
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
