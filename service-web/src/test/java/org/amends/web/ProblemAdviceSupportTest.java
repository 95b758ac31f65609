package org.amends.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Found by the fault suite: with PostgreSQL cut off, intake and remedy acceptance answered 500 "internal" instead of a
 * retryable 503.
 */
class ProblemAdviceSupportTest {

    /** A service's advice with nothing of its own. */
    static final class Advice extends ProblemAdviceSupport {
        @Override
        protected ResponseEntity<Object> wrongType(String field, WebRequest request) {
            return send(problem(HttpStatus.BAD_REQUEST, "validation", field + " has the wrong type"), request);
        }
    }

    private final ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("POST", "/api/cases"));

    @Test
    void aDatabaseOutOfReachIsARetryable503() {
        var answer = new Advice()
                .databaseUnavailable(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        var problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getType().toString()).isEqualTo("https://amends.org/problems/service-unavailable");
        assertThat(problem.getInstance().toString()).isEqualTo("/api/cases");
    }

    @Test
    void aRollbackThatFailsBecauseTheConnectionDiedIsA503Too() {
        var answer = new Advice().databaseUnavailable(new TransactionSystemException("JDBC rollback failed"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void theUnexpectedIsA500WithoutItsMessage() {
        var answer = new Advice().unexpected(new IllegalStateException("secret detail"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        var problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getType().toString()).isEqualTo("https://amends.org/problems/internal");
        assertThat(problem.getDetail()).doesNotContain("secret");
    }
}
