package org.amends.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.amends.contracts.Exchanges;
import org.amends.contracts.Subscriptions;
import org.amends.contracts.cases.CaseEvents;
import org.amends.endtoend.AmendsPlatform;
import org.amends.testkit.EventSchemas;
import org.junit.jupiter.api.Test;

/**
 * Nothing accepted is lost and nothing is applied twice while parts of the platform die. A partner's steady intake
 * runs through the gateway of a platform of this test's own while, in turn, remedy-service and insight-service are
 * killed with SIGKILL mid-consumption, case-service is killed and restarted several times, the network to PostgreSQL
 * and RabbitMQ turns slow, and then is cut for tens of seconds. Then, after a bounded wait, every service's own database
 * is read: every case answered 201 exists once, was applied once by insight-service and once by remedy-service with its
 * policy remedies proposed once each, every credit or fee waiver an agent accepted was fulfilled once with one balanced ledger credit,
 * and the dead-letter queues hold only the message this test poisoned on purpose. One report line per fault.
 *
 * <p>The short version (in {@code ./mvnw verify}) touches only its own processes and proxies, since the servers are
 * shared with other test runs. The long version ({@code -Pfaults}, system property {@code amends.faults.long=true})
 * cuts for longer, kills case-service more often, and also stops the real RabbitMQ application for 30 s and restarts
 * the real PostgreSQL cluster.
 */
class FaultSuiteIT {

    private static final boolean LONG = Boolean.getBoolean("amends.faults.long");
    private static final Duration CUT = LONG ? Duration.ofSeconds(45) : Duration.ofSeconds(20);
    private static final Duration HEALTHY_AGAIN = Duration.ofMinutes(3);
    private static final Duration SETTLE = Duration.ofMinutes(LONG ? 5 : 3);
    private static final String POISON = "this is not a CloudEvent, sent on purpose";

    private FaultPlatform platform;

    /** One fault: what it is called in the report, and what it does (returning once the platform can heal). */
    private record Fault(String name, FaultAction action) {}

    @FunctionalInterface
    private interface FaultAction {
        void run() throws Exception;
    }

    @Test
    void nothingAcceptedIsLostAndNothingIsAppliedTwiceWhilePartsDie() throws Exception {
        platform = FaultPlatform.start();
        var poisoned = poisonOneCaseEvent();
        var partner = refreshed(() -> platform.keycloak.clientCredentialsToken("acme-partner", "acme-secret"));
        var agent = refreshed(() -> platform.keycloak.passwordToken("agent1", "amends"));
        var faults = faults();
        IntakeLoad load;
        try (var running = new IntakeLoad(platform.gatewayUrl(), partner, agent, Duration.ofSeconds(120))) {
            load = running.start(2, Duration.ofMillis(150));
            pause(Duration.ofSeconds(10));
            for (var fault : faults) {
                System.out.println("[faults] " + Instant.now() + " " + fault.name());
                load.phase(fault.name());
                fault.action().run();
                platform.awaitHealthy(HEALTHY_AGAIN);
                // Until new cases go through again (asserted below per fault), then a little steady traffic.
                load.awaitAcceptedInPhase(HEALTHY_AGAIN);
                pause(Duration.ofSeconds(5));
            }
            load.phase("after the faults");
            pause(Duration.ofSeconds(5));
        }

        var accepted = load.accepted();
        var remedies = load.acceptedRemedies();
        settle(accepted, remedies);
        var report = new Report(platform, accepted);
        var rendered = report.render(load);
        System.out.println(rendered);
        var reportFile = AmendsPlatform.logsDirectory().resolve("faults").resolve("report.txt");
        Files.writeString(reportFile, rendered);

        assertThat(load.unexpectedAnswers()).as("answers no retry can fix").isEmpty();
        assertThat(load.unanswered())
                .as("requests unanswered after 120 s of retries")
                .isEmpty();
        assertThat(accepted).as("cases accepted").hasSizeGreaterThan(50);
        for (var fault : faults) {
            assertThat(report.acceptedDuring(fault.name()))
                    .as("cases first sent during %s", fault.name())
                    .isPositive();
        }
        assertThat(report.lost()).as("accepted cases missing somewhere").isEmpty();
        assertThat(report.duplicates()).as("cases or effects applied twice").isEmpty();
        assertThat(remedies).as("credits and fee waivers accepted by an agent").isNotEmpty();
        assertFulfilledOnceAndLedgerBalanced(remedies);
        assertOnlyThePoisonIsDeadLettered(poisoned);
        replayDeadLettersBringsBackWhatCanNowBeApplied();
    }

    /**
     * {@code ./amends replay-dead-letters}: an event dead-lettered while its cause was not yet fixed (here, a valid
     * {@code case.opened} put into the .dlq directly) is applied once replayed, and the poison, still poison, comes back
     * to the .dlq after its retries instead of looping.
     */
    private void replayDeadLettersBringsBackWhatCanNowBeApplied() throws Exception {
        var queue = Subscriptions.REMEDY_CASE_EVENTS.queue();
        var eventId = UUID.randomUUID();
        publish(
                "",
                queue + ".dlq",
                eventId.toString(),
                EventSchemas.example(CaseEvents.OPENED.type(), eventId).getBytes(StandardCharsets.UTF_8));

        var replay = new ProcessBuilder("bash", launcher().toString(), "replay-dead-letters", queue)
                .redirectErrorStream(true);
        replay.environment().put("AMENDS_RABBITMQ_MANAGEMENT_URL", platform.vhost.managementUrl());
        replay.environment().put("AMENDS_RABBITMQ_VHOST", platform.vhost.name());
        replay.environment().put("AMENDS_RABBITMQ_USER", platform.vhost.username());
        replay.environment().put("AMENDS_RABBITMQ_PASSWORD", platform.vhost.password());
        var process = replay.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("replay finished").isTrue();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();

        var applied = "SELECT count(*) FROM processed_events WHERE event_id = '" + eventId + "'";
        var deadline = Instant.now().plusSeconds(60);
        while (Holdings.number(platform.remedyDatabase, applied) == 0
                && Instant.now().isBefore(deadline)) {
            pause(Duration.ofSeconds(1));
        }
        assertThat(Holdings.number(platform.remedyDatabase, applied))
                .as("the replayed event applied by remedy-service")
                .isEqualTo(1);
        long deadLetters;
        do {
            pause(Duration.ofSeconds(2));
            deadLetters = platform.vhost.queue(queue + ".dlq").path("messages").asLong(-1);
        } while (deadLetters != 1 && Instant.now().isBefore(deadline));
        assertThat(deadLetters)
                .as("the poison back in %s.dlq after its retries", queue)
                .isEqualTo(1);
    }

    /** The repository's root, where the {@code amends} launcher is. */
    private static Path launcher() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("amends")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("amends");
            }
        }
        throw new IllegalStateException(
                "no amends launcher above " + Path.of("").toAbsolutePath());
    }

    private List<Fault> faults() {
        var faults = new ArrayList<Fault>();
        faults.add(new Fault("kill -9 remedy-service and insight-service", () -> {
            platform.remedyService.kill();
            platform.insightService.kill();
            pause(Duration.ofSeconds(3));
            platform.remedyService.restart();
            platform.insightService.restart();
        }));
        var caseServiceKills = LONG ? 3 : 2;
        for (int i = 1; i <= caseServiceKills; i++) {
            faults.add(new Fault("kill -9 case-service (" + i + "/" + caseServiceKills + ")", () -> {
                platform.caseService.kill();
                pause(Duration.ofSeconds(2));
                platform.caseService.restart();
            }));
        }
        faults.add(new Fault("slow network to PostgreSQL and RabbitMQ (proxy +100 ms, 10 s)", () -> {
            platform.postgres.delay(Duration.ofMillis(100));
            platform.rabbit.delay(Duration.ofMillis(100));
            pause(Duration.ofSeconds(10));
            platform.postgres.restore();
            platform.rabbit.restore();
        }));
        faults.add(new Fault("RabbitMQ unreachable " + CUT.toSeconds() + " s (proxy cut)", () -> {
            platform.rabbit.cut();
            pause(CUT);
            platform.rabbit.restore();
        }));
        faults.add(new Fault("PostgreSQL unreachable " + CUT.toSeconds() + " s (proxy cut)", () -> {
            platform.postgres.cut();
            pause(CUT);
            platform.postgres.restore();
        }));
        if (LONG) {
            faults.add(new Fault("RabbitMQ stopped 30 s (rabbitmqctl stop_app)", () -> {
                shell("rabbitmqctl stop_app");
                pause(Duration.ofSeconds(30));
                shell("rabbitmqctl start_app && rabbitmqctl await_startup");
            }));
            faults.add(new Fault(
                    "PostgreSQL restarted (pg_ctlcluster restart)",
                    () -> shell("pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart")));
        }
        return faults;
    }

    /** Waits (bounded) until every accepted case and remedy has had all its effects, or the patience runs out. */
    private void settle(List<IntakeLoad.Accepted> accepted, List<IntakeLoad.AcceptedRemedy> remedies) {
        var deadline = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(deadline)) {
            var report = new Report(platform, accepted);
            var fulfilled = fulfilledCount(remedies);
            if (report.lost().isEmpty() && fulfilled == remedies.size() && outboxesEmpty()) {
                pause(Duration.ofSeconds(3)); // a moment more for a late duplicate to show
                return;
            }
            pause(Duration.ofSeconds(2));
        }
    }

    private boolean outboxesEmpty() {
        return Holdings.number(platform.caseDatabase, "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0
                && Holdings.number(platform.remedyDatabase, "SELECT count(*) FROM outbox WHERE published_at IS NULL")
                        == 0;
    }

    private long fulfilledCount(List<IntakeLoad.AcceptedRemedy> remedies) {
        if (remedies.isEmpty()) {
            return 0;
        }
        var states = Holdings.countsBy(
                platform.remedyDatabase,
                "SELECT id::text, CASE WHEN state = 'FULFILLED' THEN 1 ELSE 0 END FROM remedies WHERE id IN ("
                        + quoted(remedies.stream().map(IntakeLoad.AcceptedRemedy::remedyId)) + ")");
        return states.values().stream().filter(v -> v == 1).count();
    }

    private void assertFulfilledOnceAndLedgerBalanced(List<IntakeLoad.AcceptedRemedy> remedies) {
        var ids = quoted(remedies.stream().map(IntakeLoad.AcceptedRemedy::remedyId));
        var notFulfilled = Holdings.countsBy(
                platform.remedyDatabase,
                "SELECT id::text, 1 FROM remedies WHERE state <> 'FULFILLED' AND id IN (" + ids + ")");
        assertThat(notFulfilled.keySet()).as("accepted remedies not fulfilled").isEmpty();
        var credits = Holdings.countsBy(
                platform.remedyDatabase,
                "SELECT remedy_id::text, count(*) FROM ledger_transactions WHERE reverses IS NULL AND remedy_id IN ("
                        + ids + ") GROUP BY remedy_id");
        assertThat(credits).as("ledger credits per accepted remedy").hasSize(remedies.size());
        assertThat(credits.values()).as("ledger credits per accepted remedy").containsOnly(1L);
        var fulfilledEvents = Holdings.countsBy(
                platform.remedyDatabase,
                "SELECT (payload::jsonb)->'data'->>'remedyId', count(*) FROM outbox"
                        + " WHERE event_type = 'amends.remedy.fulfilled.v1' GROUP BY 1 HAVING count(*) > 1");
        assertThat(fulfilledEvents).as("remedies fulfilled more than once").isEmpty();
        var unbalanced = Holdings.countsBy(
                platform.remedyDatabase,
                "SELECT currency, sum(amount_minor) FROM ledger_entries GROUP BY currency HAVING sum(amount_minor) <> 0");
        assertThat(unbalanced)
                .as("ledger currencies whose entries do not sum to zero")
                .isEmpty();
        assertThat(Holdings.number(platform.remedyDatabase, "SELECT count(*) FROM ledger_entries"))
                .as("ledger entries")
                .isGreaterThanOrEqualTo(2L * remedies.size());
    }

    /**
     * Publishes one message that is no CloudEvent as if it were a {@code case.opened}: each case-events consumer must
     * dead-letter it after its retries, and it must be the only dead letter once the faults are over.
     */
    private String poisonOneCaseEvent() throws IOException, TimeoutException {
        var id = "poison-" + UUID.randomUUID();
        publish(Exchanges.EVENTS, CaseEvents.OPENED.routingKey(), id, POISON.getBytes(StandardCharsets.UTF_8));
        return id;
    }

    /** Publishes one persistent message to the real virtual host, with a publisher confirm. */
    private void publish(String exchange, String routingKey, String messageId, byte[] body)
            throws IOException, TimeoutException {
        var factory = new ConnectionFactory();
        factory.setHost(platform.vhost.host());
        factory.setPort(platform.vhost.port());
        factory.setUsername(platform.vhost.username());
        factory.setPassword(platform.vhost.password());
        factory.setVirtualHost(platform.vhost.name());
        try (var connection = factory.newConnection("faults-publisher");
                var channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(
                    exchange,
                    routingKey,
                    new AMQP.BasicProperties.Builder()
                            .messageId(messageId)
                            .contentType("application/json")
                            .deliveryMode(2)
                            .build(),
                    body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code .dlq} of the virtual host is empty, but for the two case-events consumers' copy of the poison. */
    private void assertOnlyThePoisonIsDeadLettered(String poisoned) {
        var poisonedQueues = Set.of(
                Subscriptions.REMEDY_CASE_EVENTS.deadLetterQueue(),
                Subscriptions.INSIGHT_CASE_EVENTS.deadLetterQueue());
        // The management API's counts lag by a few seconds.
        var deadline = Instant.now().plusSeconds(30);
        Map<String, Long> actual;
        Map<String, Long> expected;
        do {
            actual = new TreeMap<>();
            expected = new TreeMap<>();
            for (var queue : platform.vhost.queues()) {
                var name = queue.path("name").asString();
                if (name.endsWith(".dlq")) {
                    actual.put(name, queue.path("messages").asLong(-1));
                    expected.put(name, poisonedQueues.contains(name) ? 1L : 0L);
                }
            }
            if (actual.equals(expected) && actual.keySet().containsAll(poisonedQueues)) {
                break;
            }
            pause(Duration.ofSeconds(2));
        } while (Instant.now().isBefore(deadline));
        assertThat(actual.keySet()).as("dead-letter queues").containsAll(poisonedQueues);
        assertThat(actual)
                .as("dead letters per queue (only %s, poisoned on purpose, expected)", poisoned)
                .isEqualTo(expected);
    }

    /** The cases answered 201 per fault, and where each went missing or was applied twice. */
    private static final class Report {

        private final List<IntakeLoad.Accepted> accepted;
        private final Map<String, Long> casesByKey;
        private final Map<String, Long> insightApplied;
        private final Map<String, Long> remedyApplied;
        private final Map<String, Long> policyRemedies;
        private final Map<String, Long> policyRemedyDuplicates;

        Report(FaultPlatform platform, List<IntakeLoad.Accepted> accepted) {
            this.accepted = accepted;
            casesByKey = Holdings.countsBy(
                    platform.caseDatabase,
                    "SELECT order_reference || ' ' || id::text, count(*) OVER (PARTITION BY order_reference)"
                            + " FROM cases WHERE order_reference LIKE 'faults-%'");
            insightApplied = Holdings.countsBy(
                    platform.insightDatabase,
                    "SELECT case_id, count(*) FROM processed_events WHERE type = 'amends.case.opened.v1'"
                            + " GROUP BY case_id");
            remedyApplied = Holdings.countsBy(
                    platform.remedyDatabase,
                    "SELECT case_id, count(*) FROM processed_events WHERE type = 'amends.case.opened.v1'"
                            + " GROUP BY case_id");
            policyRemedies = Holdings.countsBy(
                    platform.remedyDatabase,
                    "SELECT case_id::text, count(*) FROM remedies WHERE origin = 'POLICY' GROUP BY case_id");
            policyRemedyDuplicates = Holdings.countsBy(
                    platform.remedyDatabase,
                    "SELECT case_id::text || ' ' || type, count(*) FROM remedies WHERE origin = 'POLICY'"
                            + " GROUP BY case_id, type HAVING count(*) > 1");
        }

        long acceptedDuring(String phase) {
            return accepted.stream().filter(a -> a.phase().equals(phase)).count();
        }

        /** Per accepted case, what is missing: the case itself, insight's or remedy-service's effect. */
        Map<String, List<String>> lost() {
            var lost = new LinkedHashMap<String, List<String>>();
            for (var a : accepted) {
                var missing = new ArrayList<String>();
                if (!casesByKey.containsKey(a.idempotencyKey() + " " + a.caseId())) {
                    missing.add("case");
                }
                if (!insightApplied.containsKey(a.caseId())) {
                    missing.add("insight case.opened");
                }
                if (!remedyApplied.containsKey(a.caseId())) {
                    missing.add("remedy case.opened");
                }
                if (!policyRemedies.containsKey(a.caseId())) {
                    missing.add("policy remedies");
                }
                if (!missing.isEmpty()) {
                    lost.put(a.caseId() + " (" + a.phase() + ")", missing);
                }
            }
            return lost;
        }

        /** Per accepted case, what exists more than once. */
        Map<String, List<String>> duplicates() {
            var duplicates = new LinkedHashMap<String, List<String>>();
            var duplicatedRemedyCases = policyRemedyDuplicates.keySet().stream()
                    .map(key -> key.substring(0, key.indexOf(' ')))
                    .collect(Collectors.toSet());
            for (var a : accepted) {
                var twice = new ArrayList<String>();
                if (casesByKey.getOrDefault(a.idempotencyKey() + " " + a.caseId(), 1L) > 1) {
                    twice.add("case filed " + casesByKey.get(a.idempotencyKey() + " " + a.caseId()) + " times");
                }
                if (insightApplied.getOrDefault(a.caseId(), 0L) > 1) {
                    twice.add("insight applied case.opened " + insightApplied.get(a.caseId()) + " times");
                }
                if (remedyApplied.getOrDefault(a.caseId(), 0L) > 1) {
                    twice.add("remedy applied case.opened " + remedyApplied.get(a.caseId()) + " times");
                }
                if (duplicatedRemedyCases.contains(a.caseId())) {
                    twice.add("a policy remedy proposed twice");
                }
                if (!twice.isEmpty()) {
                    duplicates.put(a.caseId() + " (" + a.phase() + ")", twice);
                }
            }
            return duplicates;
        }

        String render(IntakeLoad load) {
            var lost = lost();
            var duplicates = duplicates();
            var phases =
                    accepted.stream().map(IntakeLoad.Accepted::phase).distinct().toList();
            var out = new StringBuilder("\n[faults] report (a case counts for the fault under way when first sent)\n");
            out.append("%-64s %8s %8s %10s %6s%n".formatted("fault", "accepted", "found", "duplicates", "lost"));
            for (var phase : phases) {
                var ofPhase =
                        accepted.stream().filter(a -> a.phase().equals(phase)).toList();
                var found = ofPhase.stream()
                        .filter(a -> casesByKey.containsKey(a.idempotencyKey() + " " + a.caseId()))
                        .count();
                var dup = duplicates.keySet().stream()
                        .filter(k -> k.endsWith("(" + phase + ")"))
                        .count();
                var gone = lost.keySet().stream()
                        .filter(k -> k.endsWith("(" + phase + ")"))
                        .count();
                out.append("%-64s %8d %8d %10d %6d%n".formatted(phase, ofPhase.size(), found, dup, gone));
            }
            out.append("[faults] retries sent: ")
                    .append(load.retries())
                    .append("; credits and fee waivers accepted: ")
                    .append(load.acceptedRemedies().size())
                    .append("; unexpected answers: ")
                    .append(load.unexpectedAnswers())
                    .append("; unanswered: ")
                    .append(load.unanswered().size())
                    .append('\n');
            lost.entrySet().stream()
                    .limit(20)
                    .forEach(e -> out.append("[faults] lost ").append(e).append('\n'));
            duplicates.entrySet().stream()
                    .limit(20)
                    .forEach(e -> out.append("[faults] twice ").append(e).append('\n'));
            return out.toString();
        }
    }

    private static String quoted(java.util.stream.Stream<String> ids) {
        var joined = ids.map(id -> "'" + UUID.fromString(id) + "'").collect(Collectors.joining(","));
        return joined.isEmpty() ? "NULL" : joined;
    }

    /** A token fetched again every minute (the realm's tokens live five). */
    private static Supplier<String> refreshed(Supplier<String> fetch) {
        return new Supplier<>() {
            private String token = fetch.get();
            private Instant fetched = Instant.now();

            @Override
            public synchronized String get() {
                if (Instant.now().isAfter(fetched.plusSeconds(60))) {
                    token = fetch.get();
                    fetched = Instant.now();
                }
                return token;
            }
        };
    }

    /** Runs a command on this machine's real servers (the long suite only), failing on a non-zero exit. */
    private static void shell(String command) throws IOException, InterruptedException {
        var process = new ProcessBuilder("bash", "-c", command)
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("`" + command + "` did not finish within 2 minutes");
        }
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("`" + command + "` exited " + process.exitValue() + ": " + output);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
