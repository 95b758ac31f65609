package org.amends.abuse;

import static org.amends.abuse.Abuse.acme;
import static org.amends.abuse.Abuse.assertProblem;
import static org.amends.abuse.Abuse.caseBody;
import static org.amends.abuse.Abuse.casesMarked;
import static org.amends.abuse.Abuse.get;
import static org.amends.abuse.Abuse.marker;
import static org.amends.abuse.Abuse.post;
import static org.amends.abuse.Abuse.user;
import static org.amends.endtoend.GatewayCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Unrestricted resource consumption (API4): bodies over the gateway's limit, page sizes over the cap, deeply nested and
 * huge JSON are refused with problems and store nothing, and a client over its rate gets 429 with {@code Retry-After}.
 */
class ResourceAbuseIT {

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        var marker = marker();
        var body = caseBody(marker).put("description", "x".repeat(1_500_000)).toString();

        assertProblem(post("/api/cases", acme(), body), 413);
        assertThat(casesMarked(marker)).isZero();
    }

    @Test
    void aHugeFieldUnderTheBodyLimitIsAValidationProblem() {
        var marker = marker();
        var body = caseBody(marker).put("description", "x".repeat(900_000)).toString();

        var response = post("/api/cases", acme(), body);

        assertProblem(response, 400);
        assertThat(json(response).path("errors").toString()).contains("description");
        assertThat(casesMarked(marker)).isZero();
    }

    @Test
    void deeplyNestedJsonIsRefusedAndTheServiceGoesOn() {
        var marker = marker();
        var nested = "[".repeat(100_000) + "]".repeat(100_000);
        var body = caseBody(marker).toString().replaceFirst("\"product\":\"billing\"", "\"product\":" + nested);

        assertProblem(post("/api/cases", acme(), body), 400);
        assertThat(casesMarked(marker)).isZero();
        assertThat(get("/api/cases?limit=1", acme()).statusCode()).isEqualTo(200);
    }

    @Test
    void pageSizesAreCapped() {
        var agent = user("agent1");

        assertProblem(get("/api/cases?limit=101", agent), 400);
        assertProblem(get("/api/cases?limit=100000000", agent), 400);
        assertProblem(get("/api/cases?limit=-1", agent), 400);
        var largest = get("/api/cases?limit=100", agent);
        assertThat(largest.statusCode()).isEqualTo(200);
        assertThat(json(largest).path("items").size()).isLessThanOrEqualTo(100);
    }

    /**
     * Calls without a token are limited per address (60 at once, 20 a second in the platform's configuration); a
     * bounded burst of them must meet the limit.
     */
    @Test
    void aBurstOverTheRateIsAnswered429WithRetryAfter() {
        HttpResponse<String> limited = null;
        for (int i = 0; i < 300 && limited == null; i++) {
            var response = get("/api/public/status/abuse-rate-" + i, null);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }

        assertThat(limited).as("a 429 within 300 anonymous calls").isNotNull();
        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
    }
}
