package org.amends.remedies.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.context.request.ServletWebRequest;

/** Found by the fault suite: with PostgreSQL cut off, an agent accepting a remedy got 500 "internal" instead of a retryable 503. */
class ProblemAdviceTest {

    private final ServletWebRequest request =
            new ServletWebRequest(new MockHttpServletRequest("POST", "/api/remedies/1/acceptance"));

    @Test
    void aDatabaseOutOfReachIsARetryable503() {
        var answer = new ProblemAdvice()
                .databaseUnavailable(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        var problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getType().toString()).isEqualTo("https://amends.org/problems/service-unavailable");
        assertThat(problem.getInstance().toString()).isEqualTo("/api/remedies/1/acceptance");
    }

    @Test
    void aRollbackThatFailsBecauseTheConnectionDiedIsA503Too() {
        var answer = new ProblemAdvice()
                .databaseUnavailable(new TransactionSystemException("JDBC rollback failed"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
    }
}
