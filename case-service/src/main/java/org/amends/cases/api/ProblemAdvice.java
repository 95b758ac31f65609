package org.amends.cases.api;

import java.util.List;
import org.amends.cases.incidents.IncidentNotFoundException;
import org.amends.cases.intake.IdempotencyKeyReusedException;
import org.amends.cases.lifecycle.CaseNotFoundException;
import org.amends.cases.lifecycle.ConcurrentUpdateException;
import org.amends.cases.lifecycle.InvalidRequestException;
import org.amends.cases.lifecycle.PreconditionFailedException;
import org.amends.cases.lifecycle.model.IllegalTransitionException;
import org.amends.cases.privacy.CustomerNotFoundException;
import org.amends.web.ProblemAdviceSupport;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one place errors become RFC 9457 problems: a {@code type} of {@code https://amends.org/problems/<slug>}, the
 * request path as {@code instance}, the correlation id, field errors for validation. Never a stack trace.
 */
@RestControllerAdvice
class ProblemAdvice extends ProblemAdviceSupport {

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

    @Override
    protected ResponseEntity<Object> wrongType(String field, WebRequest request) {
        return invalid(
                new InvalidRequestException(
                        List.of(new InvalidRequestException.FieldViolation(field, "has the wrong type"))),
                request);
    }
}
