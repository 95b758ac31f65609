package org.amends.remedies.web;

import org.amends.remedies.model.ApprovalLimitExceededException;
import org.amends.remedies.model.IllegalTransitionException;
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

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Object> notFound(Exception e, WebRequest request) {
        var detail = e instanceof NotFoundException ? e.getMessage() : "Not found.";
        return send(problem(HttpStatus.NOT_FOUND, "not-found", detail), request);
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<Object> illegalTransition(IllegalTransitionException e, WebRequest request) {
        return send(problem(HttpStatus.CONFLICT, "illegal-transition", e.getMessage()), request);
    }

    @ExceptionHandler({ApprovalLimitExceededException.class, AccessDeniedException.class})
    ResponseEntity<Object> forbidden(RuntimeException e, WebRequest request) {
        return send(problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage()), request);
    }

    @Override
    protected ResponseEntity<Object> wrongType(String field, WebRequest request) {
        return invalid(InvalidRequestException.of(field, "has the wrong type", null), request);
    }
}
