package org.amends.remedies.fulfilment.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.amends.remedies.lifecycle.RemedyLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due webhook deliveries. A delivery is claimed with a lease ({@code FOR UPDATE SKIP LOCKED}, then its next
 * attempt pushed past the timeout) so instances share the work without holding a transaction open during the HTTP
 * call. A 2xx answer marks it delivered; anything else (an error status, a timeout, a URL that now resolves
 * somewhere internal) schedules the next attempt after an exponential backoff with jitter, until the retry period is
 * spent: then the remedy fails.
 */
@Component
class WebhookDispatcher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private record Due(
            UUID id,
            UUID remedyId,
            String partner,
            String url,
            String secret,
            String payload,
            int attempts,
            java.sql.Timestamp giveUpAt) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final RemedyLifecycle lifecycle;
    private final WebhookProperties properties;
    private final WebhookUrlGuard guard;
    private final MeterRegistry meters;
    private final Clock clock;
    private final HttpClient http;

    WebhookDispatcher(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            RemedyLifecycle lifecycle,
            WebhookProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.guard = WebhookUrlGuard.of(properties);
        this.meters = meters;
        this.clock = clock;
        // Never follow redirects: a redirect could point anywhere, past the guard.
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::deliverDue, properties.pollInterval());
    }

    /** One round: claims due deliveries and attempts each. Returns how many were attempted. */
    int deliverDue() {
        List<Due> due;
        try {
            due = transaction.execute(status -> claim());
        } catch (RuntimeException e) {
            log.warn("could not claim webhook deliveries: {}", e.toString());
            return 0;
        }
        if (due == null) {
            return 0;
        }
        due.forEach(this::attempt);
        return due.size();
    }

    private List<Due> claim() {
        var due = jdbc.sql("""
                        SELECT d.id, d.remedy_id, d.partner, e.url, e.secret, d.payload, d.attempts, d.give_up_at
                        FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
                        WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?
                        ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE OF d SKIP LOCKED""")
                .params(java.sql.Timestamp.from(clock.instant()), properties.batchSize())
                .query(Due.class)
                .list();
        var lease = java.sql.Timestamp.from(
                clock.instant().plus(properties.timeout().multipliedBy(2)));
        for (var delivery : due) {
            jdbc.sql("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?")
                    .params(lease, delivery.id())
                    .update();
        }
        return due;
    }

    private void attempt(Due delivery) {
        String failure;
        try {
            var uri = guard.check(delivery.url());
            var timestamp = clock.instant().getEpochSecond();
            var request = HttpRequest.newBuilder(uri)
                    .timeout(properties.timeout())
                    .header("content-type", "application/json")
                    .header("webhook-id", delivery.id().toString())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header(
                            "webhook-signature",
                            WebhookSignature.sign(
                                    delivery.secret(), delivery.id().toString(), timestamp, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                meters.counter("amends.webhook.attempts", "partner", delivery.partner(), "outcome", "delivered")
                        .increment();
                jdbc.sql("""
                                UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = attempts + 1,
                                    delivered_at = now(), last_error = NULL
                                WHERE id = ? AND status = 'PENDING'""").param(delivery.id()).update();
                return;
            }
            failure = "HTTP " + response.statusCode();
        } catch (UnsafeWebhookUrlException e) {
            failure = "URL " + e.getMessage();
        } catch (IOException e) {
            failure = e instanceof java.net.http.HttpTimeoutException
                    ? "timed out"
                    : "I/O error: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        failed(delivery, failure);
    }

    private void failed(Due delivery, String failure) {
        meters.counter("amends.webhook.attempts", "partner", delivery.partner(), "outcome", "failed")
                .increment();
        int attempts = delivery.attempts() + 1;
        var next = clock.instant().plus(backoff(attempts));
        if (next.isAfter(delivery.giveUpAt().toInstant())) {
            var reason =
                    "webhook delivery to " + delivery.partner() + " failed " + attempts + " times; last: " + failure;
            transaction.executeWithoutResult(status -> {
                var exhausted =
                        jdbc.sql("""
                                UPDATE webhook_deliveries SET status = 'EXHAUSTED', attempts = ?, last_error = ?
                                WHERE id = ? AND status = 'PENDING'""").params(attempts, failure, delivery.id()).update();
                if (exhausted == 1) {
                    lifecycle.failFulfilment(delivery.remedyId(), reason);
                }
            });
            meters.counter("amends.webhook.failures", "partner", delivery.partner())
                    .increment();
            log.warn("webhook delivery {} exhausted after {} attempts: {}", delivery.id(), attempts, failure);
            return;
        }
        jdbc.sql("""
                        UPDATE webhook_deliveries SET attempts = ?, last_error = ?, next_attempt_at = ?
                        WHERE id = ? AND status = 'PENDING'""")
                .params(attempts, failure, java.sql.Timestamp.from(next), delivery.id())
                .update();
    }

    /** Exponential backoff with "equal jitter": half the doubled pause is fixed, the other half random. */
    Duration backoff(int attempts) {
        var initial = properties.initialBackoff().toMillis();
        var exponent = Math.min(attempts - 1, 30);
        var ceiling = Math.min(properties.maxBackoff().toMillis(), initial * (1L << exponent));
        var half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
