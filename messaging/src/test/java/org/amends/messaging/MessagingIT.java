package org.amends.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.amends.contracts.Exchanges;
import org.amends.contracts.Subscriptions;
import org.amends.contracts.cases.CaseClosed;
import org.amends.contracts.cases.CaseEvents;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.messaging.inbox.ProcessedEvents;
import org.amends.messaging.outbox.Outbox;
import org.amends.messaging.outbox.OutboxRelay;
import org.amends.testkit.EventSchemas;
import org.amends.testkit.TcpProxy;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(
        classes = MessagingTestApplication.class,
        properties = {
            "spring.application.name=messaging-test",
            // As in the services: Spring then runs every fixed-delay task on its scheduler's one thread.
            "spring.threads.virtual.enabled=true",
            "spring.rabbitmq.publisher-confirm-type=simple",
            "amends.outbox.relay-interval=100ms",
            "amends.outbox.initial-backoff=100ms",
            "amends.outbox.max-backoff=500ms",
            "amends.outbox.confirm-timeout=2s",
            "amends.outbox.max-bulk-hold=6s",
            "amends.outbox.purge-batch-size=100",
            // Small batches, three to a transaction's confirms: a test's few events span several of each.
            "amends.outbox.batch-size=2",
            "amends.outbox.batches-per-confirm=3",
            "spring.sql.init.mode=always",
            "spring.sql.init.schema-locations=classpath:org/amends/messaging/outbox.sql,"
                    + "classpath:org/amends/messaging/processed-events.sql"
        })
class MessagingIT {

    static final TestPostgres.Database DATABASE = TestPostgres.freshDatabase("messaging");
    static final TestRabbit.VirtualHost VHOST = TestRabbit.freshVirtualHost("messaging");
    static final TcpProxy BROKER = TcpProxy.to(VHOST.host(), VHOST.port());
    static final String TAP = "messaging-test.tap";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.rabbitmq.host", BROKER::host);
        registry.add("spring.rabbitmq.port", BROKER::port);
        registry.add("spring.rabbitmq.username", VHOST::username);
        registry.add("spring.rabbitmq.password", VHOST::password);
        registry.add("spring.rabbitmq.virtual-host", VHOST::name);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ProcessedEvents processed;

    @Autowired
    OutboxRelay relay;

    /** Reads the tap queue directly from the broker, not through the proxy the relay uses. */
    RabbitTemplate tap;

    @BeforeEach
    void bindTheTap() {
        var connections = new CachingConnectionFactory(VHOST.host(), VHOST.port());
        connections.setUsername(VHOST.username());
        connections.setPassword(VHOST.password());
        connections.setVirtualHost(VHOST.name());
        var admin = new RabbitAdmin(connections);
        var exchange = new TopicExchange(Exchanges.EVENTS, true, false);
        var queue = new Queue(TAP, true);
        admin.declareExchange(exchange);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("case.#"));
        admin.purgeQueue(TAP);
        tap = new RabbitTemplate(connections);
    }

    private List<String> writtenOrder(UUID subject) {
        return jdbc.sql("SELECT event_id::text FROM outbox WHERE subject = ? ORDER BY position")
                .param(subject.toString())
                .query(String.class)
                .list();
    }

    /** The {@code time} of each of the subject's events in the outbox, in the order of their rows. */
    private List<Instant> writtenTimes(UUID subject) {
        return jdbc
                .sql("SELECT payload FROM outbox WHERE subject = ? ORDER BY position")
                .param(subject.toString())
                .query(String.class)
                .list()
                .stream()
                .map(json -> Instant.parse(
                        EventSchemas.assertValid(json).path("time").asString()))
                .toList();
    }

    private static List<String> eventsOf(UUID subject, List<String> events) {
        return events.stream()
                .filter(json -> EventSchemas.assertValid(json)
                        .path("subject")
                        .asString()
                        .equals(subject.toString()))
                .toList();
    }

    private static List<String> subjects(List<String> events) {
        return envelope(events, "subject");
    }

    private static List<String> ids(List<String> events) {
        return envelope(events, "id");
    }

    private static List<String> envelope(List<String> events, String attribute) {
        return events.stream()
                .map(json -> EventSchemas.assertValid(json).path(attribute).asString())
                .toList();
    }

    @Nested
    class TheOutbox {

        @Test
        void eventsWrittenWithAChangeArePublishedOnceAsValidCloudEvents() {
            var cases = addClosedEvents(3);

            var received = receive(3);

            assertThat(received)
                    .extracting(json ->
                            EventSchemas.assertValid(json).path("subject").asString())
                    .containsExactlyInAnyOrderElementsOf(
                            cases.stream().map(UUID::toString).toList());
            assertThat(received).allSatisfy(json -> assertThat(json).contains("\"source\":\"/messaging-test\""));
            assertThat(ids(received))
                    .as("time-ordered ids (TimeOrderedIds)")
                    .allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
            assertThat(tap.receive(TAP, 500)).as("nothing published twice").isNull();
        }

        @Test
        void eventsSpanningSeveralBatchesAndTransactionsGoOutOnceEachInTheOrderWritten() {
            // Seven events of one case: two transactions of the relay, three batches of two and one batch of one.
            var caseId = UUID.randomUUID();
            for (int i = 0; i < 7; i++) {
                addClosedEvent(caseId);
            }

            var received = receive(7);

            assertThat(ids(received)).containsExactlyElementsOf(writtenOrder(caseId));
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
            assertThat(tap.receive(TAP, 500)).as("nothing published twice").isNull();
        }

        @Test
        void rowsMarkedWhileTheirConfirmsAreLateAreUnmarkedAndGoOutAgain() {
            // Everything the relay sends now reaches the broker, but its confirms come after the relay's 2 s wait.
            BROKER.delay(Duration.ofSeconds(3));
            List<UUID> cases;
            try {
                cases = addClosedEvents(3);
                await().during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(6))
                        .until(() -> unpublished() == 3);
            } finally {
                BROKER.restore();
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> unpublished() == 0);
            var received = new ArrayList<String>();
            for (var event = tap.receive(TAP, 2_000); event != null; event = tap.receive(TAP, 2_000)) {
                received.add(new String(event.getBody(), StandardCharsets.UTF_8));
            }
            assertThat(subjects(received))
                    .as("each event at least once (a late confirm may send one again), none lost")
                    .containsAll(cases.stream().map(UUID::toString).toList())
                    .allMatch(subject -> cases.contains(UUID.fromString(subject)));
        }

        @Test
        void aRolledBackChangeLeavesNoEvent() {
            var caseId = UUID.randomUUID();

            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                        outbox.add(CaseEvents.CLOSED, caseId, Instant.now(), closed(caseId));
                        throw new IllegalStateException("the change failed");
                    }))
                    .hasMessage("the change failed");

            assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE subject = ?")
                            .param(caseId.toString())
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void aTransactionsEventsAreWrittenWhenItCommitsInTheOrderAdded() {
            var caseId = UUID.randomUUID();
            var first = Instant.parse("2026-01-01T00:00:00Z");

            var seenBeforeTheCommit = transaction.execute(status -> {
                for (int i = 0; i < 5; i++) {
                    outbox.add(CaseEvents.CLOSED, caseId, first.plusSeconds(i), closed(caseId));
                }
                return writtenOrder(caseId).size();
            });

            assertThat(seenBeforeTheCommit).isZero();
            assertThat(writtenTimes(caseId))
                    .containsExactly(
                            first,
                            first.plusSeconds(1),
                            first.plusSeconds(2),
                            first.plusSeconds(3),
                            first.plusSeconds(4));
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
        }

        @Test
        void bulkEventsAddedAfterLiveOnesFollowThemInTheOutbox() {
            var caseId = UUID.randomUUID();
            var first = Instant.parse("2026-01-01T00:00:00Z");

            transaction.executeWithoutResult(status -> {
                outbox.add(CaseEvents.CLOSED, caseId, first, closed(caseId));
                outbox.addBulk(
                        CaseEvents.CLOSED,
                        List.of(
                                new Outbox.Entry<>(caseId, first.plusSeconds(1), closed(caseId)),
                                new Outbox.Entry<>(caseId, first.plusSeconds(2), closed(caseId))));
                outbox.add(CaseEvents.CLOSED, caseId, first.plusSeconds(3), closed(caseId));
            });

            assertThat(writtenTimes(caseId))
                    .containsExactly(first, first.plusSeconds(1), first.plusSeconds(2), first.plusSeconds(3));
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
        }

        @Test
        void anInnerTransactionsEventsCommitWithItAndNotWithTheOuterOne() {
            var outer = UUID.randomUUID();
            var inner = UUID.randomUUID();
            var requiresNew = new TransactionTemplate(transactionManager);
            requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                        outbox.add(CaseEvents.CLOSED, outer, Instant.now(), closed(outer));
                        requiresNew.executeWithoutResult(
                                nested -> outbox.add(CaseEvents.CLOSED, inner, Instant.now(), closed(inner)));
                        outbox.add(CaseEvents.CLOSED, outer, Instant.now(), closed(outer));
                        throw new IllegalStateException("the outer change failed");
                    }))
                    .hasMessage("the outer change failed");

            assertThat(writtenOrder(inner)).as("the inner transaction's event").hasSize(1);
            assertThat(writtenOrder(outer)).as("the outer transaction's events").isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
        }

        @Test
        void anEventOutsideATransactionIsRefused() {
            var caseId = UUID.randomUUID();

            assertThatThrownBy(() -> outbox.add(CaseEvents.CLOSED, caseId, Instant.now(), closed(caseId)))
                    .isInstanceOf(IllegalTransactionStateException.class);
        }

        @Test
        void eventsGoOutWhileAnotherPeriodicTaskOfTheServiceRunsForLong() {
            MessagingTestApplication.KEEP_PERIODIC_TASK_BUSY.set(true);
            try {
                await().atMost(Duration.ofSeconds(5)).untilTrue(MessagingTestApplication.PERIODIC_TASK_RUNNING);
                var cases = addClosedEvents(2);

                // On the application's scheduler, the relay would wait for that task (here: forever).
                await().atMost(Duration.ofSeconds(5)).until(() -> unpublished() == 0);
                assertThat(receive(2))
                        .extracting(json ->
                                EventSchemas.assertValid(json).path("subject").asString())
                        .containsExactlyInAnyOrderElementsOf(
                                cases.stream().map(UUID::toString).toList());
                assertThat(MessagingTestApplication.PERIODIC_TASK_RUNNING).isTrue();
            } finally {
                MessagingTestApplication.KEEP_PERIODIC_TASK_BUSY.set(false);
            }
        }

        @Test
        void publishedRowsPastTheRetentionArePurgedBatchAfterBatchAndNothingElse() {
            // 250 past the 7 days' retention (two full batches of 100 and a short one), 5 within it.
            jdbc.sql("""
                            INSERT INTO outbox (event_id, event_type, routing_key, subject, payload, created_at, published_at)
                            SELECT gen_random_uuid(), 'amends.case.closed.v1', 'case.closed.v1', 'purge-' || n, '{}',
                                   now() - age, now() - age
                            FROM generate_series(1, 255) n,
                                 LATERAL (SELECT CASE WHEN n <= 250 THEN interval '30 days' ELSE interval '1 day' END
                                          AS age) o""").update();

            assertThat(relay.purge()).isEqualTo(250);
            assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE subject LIKE 'purge-%'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(5);
            assertThat(relay.purge()).isZero();
        }

        @Test
        void whileTheBrokerIsUnreachableEventsWaitAndThenGoOutExactlyOnce() {
            BROKER.cut();
            List<UUID> cases;
            try {
                cases = addClosedEvents(5);
                await().during(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> unpublished() == 5);
                assertThat(meters.get("amends.outbox.backlog")
                                .tag("lane", "live")
                                .gauge()
                                .value())
                        .isEqualTo(5.0);
            } finally {
                BROKER.restore();
            }

            var received = receive(5);

            assertThat(new HashSet<>(received)).hasSize(5);
            assertThat(received)
                    .extracting(json ->
                            EventSchemas.assertValid(json).path("subject").asString())
                    .containsExactlyInAnyOrderElementsOf(
                            cases.stream().map(UUID::toString).toList());
            assertThat(tap.receive(TAP, 1_000)).as("nothing published twice").isNull();
        }

        @Test
        void publishedMarksFindRoomOnTheirRowsOwnPages() {
            // Written while the broker is away, so the rows are all in place before the relay marks any.
            BROKER.cut();
            try {
                addClosedEvents(64);
                await().during(Duration.ofMillis(500))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> unpublished() == 64);
            } finally {
                BROKER.restore();
            }
            var pagesWritten = outboxPages();

            receive(64);
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);

            // With full pages (fillfactor 100) the marked rows' new versions went to two new pages at the table's end.
            assertThat(outboxPages())
                    .as("pages of the outbox after its 64 new rows were marked published")
                    .isEqualTo(pagesWritten);
        }
    }

    @Nested
    class BulkEvents {

        @AfterEach
        void liveTrafficIsFine() {
            MessagingTestApplication.HOLD_BULK.set(false);
            MessagingTestApplication.HOLD_UNTIL_RELEASED.set(false);
        }

        @Test
        void waitWhileLiveTrafficIsStrainedButNeverHoldALiveEventBack() {
            var imported = UUID.randomUUID();
            var held = UUID.randomUUID();
            var other = UUID.randomUUID();
            MessagingTestApplication.HOLD_BULK.set(true);
            transaction.executeWithoutResult(status -> outbox.addBulk(
                    CaseEvents.CLOSED,
                    List.of(
                            new Outbox.Entry<>(imported, Instant.now(), closed(imported)),
                            new Outbox.Entry<>(held, Instant.now(), closed(held)))));
            // A live event about an imported case: it goes out now, and takes the bulk event written before it along,
            // first, so it overtakes nothing of its own case.
            addClosedEvent(imported);
            addClosedEvent(other);

            var received = receive(3);
            assertThat(subjects(received))
                    .containsExactlyInAnyOrder(other.toString(), imported.toString(), imported.toString());
            assertThat(ids(eventsOf(imported, received)))
                    .as("the imported case's events in the order they were written")
                    .containsExactlyElementsOf(writtenOrder(imported));
            assertThat(jdbc.sql("SELECT bulk FROM outbox WHERE subject = ? ORDER BY position")
                            .param(imported.toString())
                            .query(Boolean.class)
                            .list())
                    .containsExactly(true, false);

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> unpublished() == 1);
            assertThat(tap.receive(TAP, 200))
                    .as("the other bulk event is still held")
                    .isNull();
            assertThat(meters.get("amends.outbox.backlog")
                            .tag("lane", "bulk")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
            assertThat(meters.get("amends.outbox.backlog")
                            .tag("lane", "live")
                            .gauge()
                            .value())
                    .isEqualTo(0.0);
            assertThat(meters.get("amends.outbox.bulk.held").functionCounter().count())
                    .isGreaterThan(0.5);
            assertThat(meters.get("amends.outbox.lag")
                            .tag("lane", "bulk")
                            .gauge()
                            .value())
                    .as("the bulk lane's oldest row waits")
                    .isGreaterThan(0.5)
                    .isLessThan(60.0);
            assertThat(meters.get("amends.outbox.lag")
                            .tag("lane", "live")
                            .gauge()
                            .value())
                    .as("nothing waits in the live lane (a number, not NaN)")
                    .isEqualTo(0.0);

            MessagingTestApplication.HOLD_BULK.set(false);

            assertThat(subjects(receive(1))).containsExactly(held.toString());
        }

        @Test
        void goingOutAsTheyMayStillLetALiveEventWrittenAfterThemGoFirst() {
            var imported = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
            var live = UUID.randomUUID();
            // One transaction, so the relay's first run finds the bulk backlog and, behind it, the live event.
            transaction.executeWithoutResult(status -> {
                outbox.addBulk(
                        CaseEvents.CLOSED,
                        imported.stream()
                                .map(id -> new Outbox.Entry<>(id, Instant.now(), closed(id)))
                                .toList());
                outbox.add(CaseEvents.CLOSED, live, Instant.now(), closed(live));
            });

            var received = receive(4);

            assertThat(subjects(received))
                    .as("the live event first, then the bulk events in the order they were written")
                    .containsExactly(
                            live.toString(),
                            imported.get(0).toString(),
                            imported.get(1).toString(),
                            imported.get(2).toString());
        }

        @Test
        void aHoldThatEndsByItselfOutlastsTheLongestHold() {
            var imported = UUID.randomUUID();
            MessagingTestApplication.HOLD_UNTIL_RELEASED.set(true);
            MessagingTestApplication.HOLD_BULK.set(true);
            transaction.executeWithoutResult(status -> outbox.addBulk(
                    CaseEvents.CLOSED, List.of(new Outbox.Entry<>(imported, Instant.now(), closed(imported)))));

            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 1);
            assertThat(tap.receive(TAP, 100))
                    .as("held past amends.outbox.max-bulk-hold (6 s)")
                    .isNull();

            MessagingTestApplication.HOLD_BULK.set(false);
            MessagingTestApplication.HOLD_UNTIL_RELEASED.set(false);

            assertThat(subjects(receive(1))).containsExactly(imported.toString());
        }

        @Test
        void goOutAfterTheLongestHoldEvenIfLiveTrafficStaysStrained() {
            var imported = UUID.randomUUID();
            MessagingTestApplication.HOLD_BULK.set(true);
            transaction.executeWithoutResult(status -> outbox.addBulk(
                    CaseEvents.CLOSED, List.of(new Outbox.Entry<>(imported, Instant.now(), closed(imported)))));

            var started = Instant.now();
            var received = receive(1);

            assertThat(subjects(received)).containsExactly(imported.toString());
            assertThat(Duration.between(started, Instant.now()))
                    .as("held for amends.outbox.max-bulk-hold (6 s) from the first run that saw the strain")
                    .isGreaterThan(Duration.ofSeconds(4));
        }
    }

    @Nested
    class TheInbox {

        @Test
        void anEventIdIsAppliedTheFirstTimeOnly() {
            var event = IncomingEvent.read(example("amends.case.closed.v1"), Subscriptions.REMEDY_CASE_EVENTS);

            boolean first = transaction.execute(status -> processed.firstTime(event));
            boolean second = transaction.execute(status -> processed.firstTime(event));

            assertThat(first).isTrue();
            assertThat(second).isFalse();
        }
    }

    private void addClosedEvent(UUID caseId) {
        transaction.executeWithoutResult(
                status -> outbox.add(CaseEvents.CLOSED, caseId, Instant.now(), closed(caseId)));
    }

    private List<UUID> addClosedEvents(int count) {
        var cases = new ArrayList<UUID>();
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                var caseId = UUID.randomUUID();
                cases.add(caseId);
                outbox.add(CaseEvents.CLOSED, caseId, Instant.now(), closed(caseId));
            }
        });
        return cases;
    }

    private List<String> receive(int count) {
        var received = new ArrayList<String>();
        var deadline = Instant.now().plusSeconds(20);
        while (received.size() < count && Instant.now().isBefore(deadline)) {
            var message = tap.receive(TAP, 500);
            if (message != null) {
                received.add(new String(message.getBody(), StandardCharsets.UTF_8));
            }
        }
        assertThat(received).as("events on the tap queue").hasSize(count);
        return received;
    }

    private long outboxPages() {
        return jdbc.sql("SELECT pg_relation_size('outbox') / current_setting('block_size')::int")
                .query(Long.class)
                .single();
    }

    private long unpublished() {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL")
                .query(Long.class)
                .single();
    }

    private static CaseClosed closed(UUID caseId) {
        return new CaseClosed(caseId, "AMD-000001", 5, "agent1", Instant.now());
    }

    private static byte[] example(String type) {
        return EventSchemas.example(type, UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    }
}
