package org.amends.insight.web;

import org.amends.insight.corrective.IllegalTransitionException;
import org.amends.web.InvalidRequestException;
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

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        return send(problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage()), request);
    }

    /** A path id that is not a UUID names nothing (404); a query parameter of the wrong type is a validation error. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
        if (e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
            return send(problem(HttpStatus.NOT_FOUND, "not-found", "Not found."), request);
        }
        return invalid(InvalidRequestException.of(e.getName(), "has the wrong type", e.getValue()), request);
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<Object> illegalTransition(IllegalTransitionException e, WebRequest request) {
        return send(problem(HttpStatus.CONFLICT, "illegal-transition", e.getMessage()), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(RuntimeException e, WebRequest request) {
        return send(problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage()), request);
    }

    @Override
    protected ResponseEntity<Object> wrongType(String field, WebRequest request) {
        return invalid(InvalidRequestException.of(field, "has the wrong type", null), request);
    }
}
