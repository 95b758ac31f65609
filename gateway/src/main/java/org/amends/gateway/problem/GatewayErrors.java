package org.amends.gateway.problem;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.TimeoutException;
import org.amends.gateway.correlation.CorrelationId;
import org.amends.gateway.requestsize.PayloadTooLarge;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Turns every failure inside the gateway into a problem: an unreachable service or open circuit is 503
 * {@code service-unavailable}, and so is a route whose bulkhead is full (with {@code Retry-After}: the service is
 * busy, not down, so the caller may come back soon), a service too slow to answer is 504 {@code gateway-timeout}, an unknown path 404, and
 * anything unforeseen 500 {@code internal} with its stack trace in our log and not in the response.
 */
@Component
@Order(-2) // before Boot's DefaultErrorWebExceptionHandler (-1), whose bodies are not problems
class GatewayErrors implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    /** Seconds a caller refused by a full bulkhead is asked to wait: calls in flight finish within milliseconds. */
    static final String BUSY_RETRY_AFTER_SECONDS = "1";

    private record Answer(HttpStatus status, String slug, String detail, boolean busy) {

        Answer(HttpStatus status, String slug, String detail) {
            this(status, slug, detail, false);
        }
    }

    private final Problems problems;

    GatewayErrors(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        var answer = answerFor(failure);
        if (answer.status().is5xxServerError()) {
            try (var logged = CorrelationId.inLog(exchange)) {
                if (answer.status() == HttpStatus.INTERNAL_SERVER_ERROR) {
                    log.error("unexpected failure on {}", exchange.getRequest().getPath(), failure);
                } else {
                    log.warn(
                            "{} on {}: {}",
                            answer.status().value(),
                            exchange.getRequest().getPath(),
                            failure.toString());
                }
            }
        }
        // Whatever a half-finished upstream exchange left on the response describes a body we are not sending.
        var headers = response.getHeaders();
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        if (answer.busy()) {
            headers.set(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER_SECONDS);
        }
        return problems.write(exchange, answer.status(), answer.slug(), answer.detail());
    }

    private static Answer answerFor(Throwable failure) {
        if (failure instanceof PayloadTooLarge) {
            return new Answer(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", failure.getMessage());
        }
        if (failure instanceof ResponseStatusException status) {
            var answer = forStatus(HttpStatus.resolve(status.getStatusCode().value()));
            if (answer != null) {
                return answer;
            }
        }
        if (causedBy(failure, BulkheadFullException.class)) {
            return new Answer(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "service-unavailable",
                    "The service behind this path is handling as many calls as it may; retry after Retry-After seconds.",
                    true);
        }
        if (failure instanceof CallNotPermittedException || failure instanceof ServiceUnavailableException) {
            return unavailable();
        }
        if (causedBy(failure, TimeoutException.class)
                || causedBy(failure, org.springframework.cloud.gateway.support.TimeoutException.class)) {
            return timeout();
        }
        if (causedBy(failure, ConnectException.class)
                || causedBy(failure, io.netty.channel.ConnectTimeoutException.class)
                || causedBy(failure, PrematureCloseException.class)
                || causedBy(failure, AbortedException.class)
                // The service died mid-answer (a crash, kill -9): its connection reset under the gateway.
                || causedBy(failure, SocketException.class)
                || causedBy(failure, io.netty.channel.unix.Errors.NativeIoException.class)) {
            return unavailable();
        }
        return new Answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "The gateway failed to handle the request.");
    }

    private static @Nullable Answer forStatus(@Nullable HttpStatus status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case GATEWAY_TIMEOUT -> timeout();
            case SERVICE_UNAVAILABLE, BAD_GATEWAY -> unavailable();
            case NOT_FOUND -> new Answer(status, "not-found", "No API resource lives at this path.");
            case CONTENT_TOO_LARGE -> new Answer(status, "payload-too-large", "The request body is too large.");
            case METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE, NOT_ACCEPTABLE, BAD_REQUEST ->
                new Answer(status, "malformed-request", "The request cannot be handled as sent.");
            default -> null;
        };
    }

    private static Answer unavailable() {
        return new Answer(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "The service behind this path is unavailable; retry later.");
    }

    private static Answer timeout() {
        return new Answer(
                HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "The service behind this path did not answer in time.");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
