package org.amends.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner's steady intake through the gateway, as a well-behaved partner sends it: one {@code Idempotency-Key} per
 * case, and on a timeout, a refused connection, a 5xx or a 429 the same request again with the same key (backing off)
 * until it is answered or {@code patience} is spent. Every case answered 201 is recorded with the fault that was under
 * way when it was first sent. Beside the intake, an agent accepts the offered credit or fee waiver of every other case, so
 * fulfilment and the ledger run through the faults too. Bounded: it stops when told, finishing only the requests in
 * flight.
 */
final class IntakeLoad implements AutoCloseable {

    /** A case answered 201, the key it was sent with, the fault under way when it was first sent. */
    record Accepted(String caseId, String idempotencyKey, String phase, int attempts) {}

    /** A ledger remedy an agent accepted (answered 200, or 409 after a retry whose first try was applied). */
    record AcceptedRemedy(String remedyId, String caseId, String type) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ACCEPTANCE_DELAY = Duration.ofSeconds(2);
    /** The remedies the policy proposes that the ledger fulfils: a fee waiver for billing mistakes, else a credit. */
    private static final Set<String> LEDGER_TYPES = Set.of("FEE_WAIVER", "CREDIT");
    /**
     * Cases spread over every kind of mistake: each kind has its own monthly budget (1,000,000 minor units by default),
     * which one kind alone would exhaust after some 660 automatic approvals, leaving the rest proposed, not offered.
     */
    private static final List<String> ERROR_KINDS =
            List.of("CONCEPT", "CALCULATION", "MEASUREMENT", "APPRECIATION", "EXECUTION", "COMMUNICATION", "OTHER");
    /**
     * How long the agent keeps looking for a case's offer: remedy-service may be down for minutes (killed, restarting
     * on a loaded machine), and its offer follows once it consumes the case's event.
     */
    private static final Duration OFFER_PATIENCE = Duration.ofMinutes(5);

    private final String gatewayUrl;
    private final Supplier<String> partnerToken;
    private final Supplier<String> agentToken;
    private final Duration patience;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final Queue<AcceptedRemedy> acceptedRemedies = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> unexpected = new ConcurrentHashMap<>();
    private final Queue<String> unanswered = new ConcurrentLinkedQueue<>();
    private final DelayQueue<PendingAcceptance> toAccept = new DelayQueue<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile String phase = "steady";
    private volatile boolean stopping;

    IntakeLoad(String gatewayUrl, Supplier<String> partnerToken, Supplier<String> agentToken, Duration patience) {
        this.gatewayUrl = gatewayUrl;
        this.partnerToken = partnerToken;
        this.agentToken = agentToken;
        this.patience = patience;
    }

    /** Starts {@code workers} intake loops, each pausing {@code pause} between cases, and one acceptance loop. */
    IntakeLoad start(int workers, Duration pause) {
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofPlatform().name("faults-intake-" + i).start(() -> intake(pause)));
        }
        threads.add(Thread.ofPlatform().name("faults-acceptance").start(this::acceptance));
        return this;
    }

    /** Names the fault under way: cases first sent from now on count for it. */
    void phase(String name) {
        phase = name;
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /**
     * Waits, at most {@code patience}, until a case first sent in the current phase has been accepted: the platform
     * takes new cases again, not only the retries of cases sent before the fault (the gateway's circuit breaker may
     * still be open for a while after the service behind it is healthy again). False if none was.
     */
    boolean awaitAcceptedInPhase(Duration patience) throws InterruptedException {
        var current = phase;
        var deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (accepted.stream().anyMatch(a -> a.phase().equals(current))) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    List<AcceptedRemedy> acceptedRemedies() {
        return List.copyOf(acceptedRemedies);
    }

    /** Answers no well-behaved retry can fix (a 400, a 403…) and 500s (retried, but a bug), by call and status. */
    Map<String, Integer> unexpectedAnswers() {
        var counts = new java.util.TreeMap<String, Integer>();
        unexpected.forEach((what, count) -> counts.put(what, count.get()));
        return counts;
    }

    /** Requests still unanswered when their patience ran out (idempotency keys or remedy ids). */
    List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    int retries() {
        return retries.get();
    }

    /** Stops sending new cases, lets the requests in flight finish their retries, and waits for the loops to end. */
    @Override
    public void close() {
        stopping = true;
        for (var thread : threads) {
            try {
                if (!thread.join(OFFER_PATIENCE.plus(patience))) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void intake(Duration pause) {
        while (!stopping) {
            var n = sequence.incrementAndGet();
            var key = "faults-" + UUID.randomUUID();
            var firstPhase = phase;
            var answer = sendUntilAnswered(
                    () -> post("/api/cases", partnerToken.get(), body(n, key)).header("Idempotency-Key", key),
                    key,
                    "POST /api/cases");
            if (answer == null) {
                continue;
            }
            if (answer.response().statusCode() == 201) {
                var caseId = JSON.readTree(answer.response().body()).path("id").asString();
                accepted.add(new Accepted(caseId, key, firstPhase, answer.attempts()));
                if (n % 2 == 0) {
                    var now = Instant.now();
                    toAccept.add(new PendingAcceptance(caseId, now.plus(ACCEPTANCE_DELAY), now.plus(OFFER_PATIENCE)));
                }
            } else {
                unexpected(answer.response(), "POST /api/cases");
            }
            sleep(pause);
        }
    }

    /**
     * An agent, on the phone with the customer, accepts the offered credit or fee waiver (both posted to the ledger): found through the
     * gateway once remedy-service has proposed and offered it, retried like the intake.
     */
    private void acceptance() {
        while (!stopping || !toAccept.isEmpty()) {
            PendingAcceptance pending;
            try {
                pending = toAccept.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pending == null) {
                continue;
            }
            var listed = sendUntilAnswered(
                    () -> get("/api/cases/" + pending.caseId() + "/remedies", agentToken.get()),
                    pending.caseId(),
                    "GET /api/cases/{id}/remedies");
            if (listed == null) {
                continue;
            }
            if (listed.response().statusCode() != 200) {
                unexpected(listed.response(), "GET /api/cases/{id}/remedies");
                continue;
            }
            @Nullable JsonNode offered = null;
            for (var remedy : JSON.readTree(listed.response().body())) {
                if (LEDGER_TYPES.contains(remedy.path("type").asString())
                        && remedy.path("state").asString().equals("OFFERED")) {
                    offered = remedy;
                }
            }
            if (offered == null) {
                // Not proposed and offered yet (the event is still on its way): look again a little later.
                if (Instant.now().isBefore(pending.giveUp())) {
                    toAccept.add(new PendingAcceptance(
                            pending.caseId(), Instant.now().plusSeconds(2), pending.giveUp()));
                } else {
                    unanswered.add("no offered credit or fee waiver for case " + pending.caseId());
                }
                continue;
            }
            var remedyId = offered.path("id").asString();
            var answer = sendUntilAnswered(
                    () -> post("/api/remedies/" + remedyId + "/acceptance", agentToken.get(), "{}"),
                    remedyId,
                    "POST /api/remedies/{id}/acceptance");
            if (answer == null) {
                continue;
            }
            var status = answer.response().statusCode();
            if (status == 200 || (status == 409 && answer.attempts() > 1)) {
                acceptedRemedies.add(new AcceptedRemedy(
                        remedyId, pending.caseId(), offered.path("type").asString()));
            } else {
                unexpected(answer.response(), "POST /api/remedies/{id}/acceptance");
            }
        }
    }

    private record Answer(HttpResponse<String> response, int attempts) {}

    /**
     * Sends the request until it gets an answer a retry cannot change, backing off from 200 ms to 2 s; null (and the
     * request recorded as unanswered) when {@code patience} runs out. A 500 is retried too, but also recorded as
     * unexpected: an outage must be answered 502, 503 or 504, not as an unforeseen failure.
     */
    private @Nullable Answer sendUntilAnswered(Supplier<HttpRequest.Builder> request, String what, String call) {
        var deadline = Instant.now().plus(patience);
        var backoff = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            try {
                var response = http.send(request.get().build(), HttpResponse.BodyHandlers.ofString());
                var status = response.statusCode();
                if (status == 500) {
                    unexpected(response, call);
                }
                if (status != 401 && status != 408 && status != 429 && status < 500) {
                    return new Answer(response, attempt);
                }
            } catch (IOException e) {
                // timed out, refused, reset: the partner cannot know whether it was applied, so it sends it again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (Instant.now().isAfter(deadline)) {
                unanswered.add(what);
                return null;
            }
            retries.incrementAndGet();
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                    ? Duration.ofSeconds(2)
                    : backoff.multipliedBy(2);
        }
    }

    private HttpRequest.Builder post(String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpRequest.Builder get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .GET();
    }

    private void unexpected(HttpResponse<String> response, String call) {
        unexpected
                .computeIfAbsent(call + " → " + response.statusCode(), what -> new AtomicInteger())
                .incrementAndGet();
    }

    /**
     * A mistake with a high impact (an apology and a ledger remedy by policy, approved automatically), one customer per
     * case, the kind of mistake in turn, the idempotency key as order reference.
     */
    private static String body(int n, String key) {
        return """
                {"channel":"PARTNER",
                 "customer":{"name":"Customer %d","email":"customer-%d@faults.example","locale":"en"},
                 "product":"billing","errorKind":"%s","summary":"Charged twice",
                 "description":"The March invoice was charged twice to the same card.",
                 "impact":"HIGH","orderReference":"%s"}
                """.formatted(n, n, ERROR_KINDS.get(n % ERROR_KINDS.size()), key);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record PendingAcceptance(String caseId, Instant due, Instant giveUp) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(Instant.now(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
