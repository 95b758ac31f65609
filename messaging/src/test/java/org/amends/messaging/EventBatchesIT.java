package org.amends.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.amends.contracts.Subscription;
import org.amends.contracts.Subscriptions;
import org.amends.messaging.inbox.EventBatches;
import org.amends.messaging.inbox.IncomingEvent;
import org.amends.messaging.inbox.ProcessedEvents;
import org.amends.messaging.inbox.SubscriptionQueues;
import org.amends.testkit.EventSchemas;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batched consumption against the real broker and database: a listener on {@link EventBatches}' container factory,
 * started only once each test has queued its messages, so they arrive as one batch.
 */
@SpringBootTest(
        classes = {MessagingTestApplication.class, EventBatchesIT.BatchedConsumer.class},
        properties = {
            "spring.application.name=messaging-test",
            "spring.rabbitmq.listener.simple.retry.enabled=true",
            "spring.rabbitmq.listener.simple.retry.max-retries=2",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            "spring.rabbitmq.listener.simple.default-requeue-rejected=false",
            "amends.inbox.batch-size=20",
            // Below one batch, as case-service configures it for its listener on Boot's factory: raised to two batches.
            "spring.rabbitmq.listener.simple.prefetch=5",
            // Generous, so that a test's queued messages make one batch even on a loaded machine.
            "amends.inbox.receive-timeout=500ms",
            "amends.inbox.batch-time-limit=5s",
            // As every service's connections: plan each statement afresh outside what keeps plans (ADR 12).
            "spring.datasource.hikari.data-source-properties.options=-c plan_cache_mode=force_custom_plan",
            "spring.sql.init.mode=always",
            "spring.sql.init.schema-locations=classpath:org/amends/messaging/outbox.sql,"
                    + "classpath:org/amends/messaging/processed-events.sql"
        })
class EventBatchesIT {

    static final TestPostgres.Database DATABASE = TestPostgres.freshDatabase("batches");
    static final TestRabbit.VirtualHost VHOST = TestRabbit.freshVirtualHost("batches");
    static final Subscription SUBSCRIPTION = Subscriptions.REMEDY_CASE_EVENTS;
    static final String CLOSED = "amends.case.closed.v1";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.rabbitmq.host", VHOST::host);
        registry.add("spring.rabbitmq.port", VHOST::port);
        registry.add("spring.rabbitmq.username", VHOST::username);
        registry.add("spring.rabbitmq.password", VHOST::password);
        registry.add("spring.rabbitmq.virtual-host", VHOST::name);
    }

    @Autowired
    BatchedConsumer consumer;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventBatches batches;

    @Autowired
    TransactionTemplate transaction;

    @BeforeEach
    void arrange() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS applied (event_id uuid NOT NULL, txid bigint NOT NULL)")
                .update();
        jdbc.sql("TRUNCATE applied, processed_events").update();
        consumer.reset();
    }

    @AfterEach
    void stopConsuming() {
        listeners.getListenerContainer(BatchedConsumer.ID).stop();
    }

    @Test
    void aBatchOfGoodMessagesIsAppliedInOneTransaction() {
        var ids = queueEvents(6);
        double consumedBefore = consumed();

        start();

        await().atMost(Duration.ofSeconds(20)).until(() -> appliedRows() == 6);
        assertThat(consumer.batchSizes).containsExactly(6);
        assertThat(appliedIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(jdbc.sql("SELECT count(DISTINCT txid) FROM applied")
                        .query(Long.class)
                        .single())
                .as("one commit for the batch")
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> consumed() - consumedBefore == 6);
        assertThat(queueDepth(SUBSCRIPTION.queue())).as("all acknowledged").isZero();
    }

    @Test
    void theNextBatchIsDeliveredWhileOneIsApplied() throws InterruptedException {
        var ids = queueEvents(40);
        var applying = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        consumer.whileApplying = () -> {
            applying.countDown();
            awaitRelease(release);
        };

        start();

        try {
            assertThat(applying.await(20, TimeUnit.SECONDS))
                    .as("the first batch is being applied")
                    .isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> queueDepth(SUBSCRIPTION.queue()) == 0);
            assertThat(appliedRows()).as("nothing committed yet").isZero();
        } finally {
            // Released on failure too, or the held batch would stop the listener's container for the next test.
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedRows() == 40);
        assertThat(consumer.batchSizes).as("two batches of 20").containsExactly(20, 20);
        assertThat(appliedIds()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAndItsBatchMatesAreAppliedOnce() {
        var before = queueEvents(3);
        var poison = UUID.randomUUID();
        consumer.poison.add(poison);
        send(EventSchemas.example(CLOSED, poison));
        var after = queueEvents(3);
        double consumedBefore = consumed();

        start();

        var deadLetter = awaitDeadLetter();
        assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).contains(poison.toString());
        assertThat((String) deadLetter.getMessageProperties().getHeader(Subscription.DEAD_LETTER_REASON_HEADER))
                .isEqualTo("cannot apply event " + poison);
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedRows() == 6);
        var good = new ArrayList<>(before);
        good.addAll(after);
        assertThat(appliedIds()).as("each batch-mate once").containsExactlyInAnyOrderElementsOf(good);
        assertThat(inbox(poison)).as("the poison's inbox row rolled back").isZero();
        assertThat(consumer.attempts.get(poison))
                .as("one batch attempt, then alone: the first try and 2 retries")
                .hasValue(4);
        await().atMost(Duration.ofSeconds(5)).until(() -> consumed() - consumedBefore >= 6);
        assertThat(consumed() - consumedBefore)
                .as("counted what committed, not the rolled-back batch")
                .isEqualTo(6);
        assertThat(queueDepth(SUBSCRIPTION.queue()))
                .as("nothing left or requeued")
                .isZero();
        assertThat(rabbit.receive(SUBSCRIPTION.deadLetterQueue(), 500))
                .as("only the poison dead-lettered")
                .isNull();
    }

    @Test
    void anEventDeliveredTwiceInOneBatchIsAppliedOnce() {
        var twice = UUID.randomUUID();
        send(EventSchemas.example(CLOSED, twice));
        var other = queueEvents(2);
        send(EventSchemas.example(CLOSED, twice));
        double duplicatesBefore = duplicates();

        start();

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(twice) == 1 && appliedRows() == 3);
        assertThat(consumer.batchSizes).containsExactly(4);
        var expected = new ArrayList<>(other);
        expected.add(twice);
        assertThat(appliedIds()).containsExactlyInAnyOrderElementsOf(expected);
        await().atMost(Duration.ofSeconds(5)).until(() -> duplicates() - duplicatesBefore == 1);
    }

    @Test
    void aSetBasedHandlerRecordsTheBatchWithOneInboxStatementAndGetsOnlyTheNewEventsInOrder() {
        consumer.setBased = true;
        var seenBefore = UUID.randomUUID();
        jdbc.sql("INSERT INTO processed_events (event_id, type, case_id) VALUES (?, ?, 'earlier')")
                .params(seenBefore, CLOSED)
                .update();
        var first = queueEvents(2);
        send(EventSchemas.example(CLOSED, seenBefore));
        send(EventSchemas.example(CLOSED, first.getFirst()));
        var last = queueEvents(1);
        double consumedBefore = consumed();
        double duplicatesBefore = duplicates();

        start();

        await().atMost(Duration.ofSeconds(20)).until(() -> appliedRows() == 3);
        assertThat(consumer.batchSizes).containsExactly(5);
        var expected = new ArrayList<>(first);
        expected.addAll(last);
        assertThat(consumer.newEvents)
                .as("the new events, once each, in the order received")
                .containsExactlyElementsOf(expected);
        assertThat(jdbc.sql("SELECT count(DISTINCT txid) FROM applied")
                        .query(Long.class)
                        .single())
                .as("one commit for the batch")
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> consumed() - consumedBefore == 3 && duplicates() - duplicatesBefore == 2);
        assertThat(inbox(seenBefore)).isEqualTo(1);
    }

    @Test
    void aPoisonMessageInASetBasedBatchFailsTheBatchAndEachMessageIsThenHandledAlone() {
        consumer.setBased = true;
        var good = queueEvents(2);
        var poison = UUID.randomUUID();
        consumer.poison.add(poison);
        send(EventSchemas.example(CLOSED, poison));
        good.addAll(queueEvents(2));

        start();

        var deadLetter = awaitDeadLetter();
        assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).contains(poison.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedRows() == 4);
        assertThat(appliedIds()).as("each batch-mate once").containsExactlyInAnyOrderElementsOf(good);
        assertThat(inbox(poison)).as("the poison's inbox row rolled back").isZero();
        assertThat(consumer.handedSizes)
                .as("the batch once, then each message alone (the poison: first try and 2 retries)")
                .containsExactly(5, 1, 1, 1, 1, 1, 1, 1);
        assertThat(queueDepth(SUBSCRIPTION.queue()))
                .as("nothing left or requeued")
                .isZero();
    }

    @Test
    void eachTransactionLetsPostgresqlKeepPlansUntilItCommitsUnlessTurnedOff() {
        var modes = new ArrayList<String>();
        Consumer<List<Message>> showMode = batch ->
                modes.add(jdbc.sql("SHOW plan_cache_mode").query(String.class).single());
        var messages = List.of(
                TestRabbit.cloudEvent(EventSchemas.example(CLOSED, UUID.randomUUID())),
                TestRabbit.cloudEvent(EventSchemas.example(CLOSED, UUID.randomUUID())));
        var once = new RetryTemplate(RetryPolicy.withMaxRetries(0));
        MessageRecoverer none = (message, cause) -> {};

        batches.applyAll(messages, showMode);
        batches.applyAll(messages.subList(0, 1), showMode);
        new EventBatches(transaction, null, once, none).applyAll(messages, showMode);

        assertThat(modes)
                .as("a batch and a message alone (amends.inbox.cached-plans defaults to true), then switched off")
                .containsExactly("auto", "auto", "force_custom_plan");
        assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single())
                .as("after the commit")
                .isEqualTo("force_custom_plan");
    }

    private List<UUID> queueEvents(int count) {
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < count; i++) {
            var id = UUID.randomUUID();
            ids.add(id);
            send(EventSchemas.example(CLOSED, id));
        }
        return ids;
    }

    private void send(String event) {
        rabbit.send("", SUBSCRIPTION.queue(), TestRabbit.cloudEvent(event));
    }

    private void start() {
        listeners.getListenerContainer(BatchedConsumer.ID).start();
    }

    private long appliedRows() {
        return jdbc.sql("SELECT count(*) FROM applied").query(Long.class).single();
    }

    private List<UUID> appliedIds() {
        return jdbc.sql("SELECT event_id FROM applied").query(UUID.class).list();
    }

    private long inbox(UUID id) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    private double consumed() {
        var counter = meters.find("amends_events_consumed_total").counter();
        return counter == null ? 0 : counter.count();
    }

    private double duplicates() {
        var counter = meters.find("amends_events_duplicates_total").counter();
        return counter == null ? 0 : counter.count();
    }

    private long queueDepth(String queue) {
        var declared = rabbit.execute(channel -> channel.queueDeclarePassive(queue));
        return declared == null ? -1 : declared.getMessageCount();
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Message awaitDeadLetter() {
        var message = await().atMost(Duration.ofSeconds(20))
                .until(() -> rabbit.receive(SUBSCRIPTION.deadLetterQueue(), 200), m -> m != null);
        assertThat(message).isNotNull();
        return message;
    }

    /** A consumer as the services write one: its per-message handler, the inbox, and counters after commit. */
    @TestConfiguration(proxyBeanMethods = false)
    static class BatchedConsumer {

        static final String ID = "batched";

        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Set<UUID> poison = ConcurrentHashMap.newKeySet();

        @Autowired
        EventBatches batches;

        @Autowired
        ProcessedEvents processed;

        @Autowired
        JdbcClient jdbc;

        @Bean
        Declarables batchedQueue() {
            return SubscriptionQueues.declarables(SUBSCRIPTION);
        }

        final List<UUID> newEvents = new CopyOnWriteArrayList<>();
        final List<Integer> handedSizes = new CopyOnWriteArrayList<>();
        volatile boolean setBased;
        /** Run once as a batch starts, before it is applied: a test holds the batch in flight with it. */
        volatile Runnable whileApplying = () -> {};

        void reset() {
            batchSizes.clear();
            attempts.clear();
            poison.clear();
            newEvents.clear();
            handedSizes.clear();
            setBased = false;
            whileApplying = () -> {};
        }

        @RabbitListener(
                id = ID,
                queues = "remedy-service.case-events",
                containerFactory = EventBatches.LISTENER_CONTAINER_FACTORY,
                autoStartup = "false")
        void on(List<Message> messages) {
            batchSizes.add(messages.size());
            whileApplying.run();
            if (setBased) {
                batches.applyAll(messages, this::applyAll);
            } else {
                batches.apply(messages, this::apply);
            }
        }

        /** A set-based handler: one inbox statement for the batch, then the new events. */
        private void applyAll(List<Message> messages) {
            handedSizes.add(messages.size());
            var events = messages.stream()
                    .map(message -> IncomingEvent.read(message.getBody(), SUBSCRIPTION))
                    .toList();
            var fresh = processed.firstTimes(events);
            for (var event : fresh) {
                jdbc.sql("INSERT INTO applied (event_id, txid) VALUES (?, txid_current())")
                        .param(event.id())
                        .update();
                if (poison.contains(event.id())) {
                    throw new IllegalStateException("cannot apply event " + event.id());
                }
            }
            // Recorded once the batch is through: a rolled-back attempt's events are handed again.
            fresh.forEach(event -> newEvents.add(event.id()));
        }

        private void apply(Message message) {
            var event = IncomingEvent.read(message.getBody(), SUBSCRIPTION);
            attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            if (!processed.firstTime(event)) {
                return;
            }
            jdbc.sql("INSERT INTO applied (event_id, txid) VALUES (?, txid_current())")
                    .param(event.id())
                    .update();
            if (poison.contains(event.id())) {
                throw new IllegalStateException("cannot apply event " + event.id());
            }
        }
    }
}
