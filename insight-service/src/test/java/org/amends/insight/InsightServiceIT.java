package org.amends.insight;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.amends.contracts.Exchanges;
import org.amends.contracts.Subscription;
import org.amends.contracts.Subscriptions;
import org.amends.insight.intake.EventIntake;
import org.amends.testkit.EventTap;
import org.amends.testkit.PreparedPlans;
import org.amends.testkit.ServiceApi;
import org.amends.testkit.ServiceProperties;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The one test-infrastructure configuration of every insight-service {@code *IT}: real PostgreSQL and RabbitMQ. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class InsightServiceIT {

    static final TestPostgres.Database DATABASE = TestPostgres.freshDatabase("insight");
    static final TestRabbit.VirtualHost VHOST = TestRabbit.freshVirtualHost("insight");
    static final TestJwtIssuer TOKENS = TestJwtIssuer.start();

    @LocalServerPort
    protected int port;

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    EventIntake intake;

    @Autowired
    HikariDataSource dataSource;

    /** Calls this instance over HTTP as a persona. */
    protected ServiceApi api;

    /** Every insight event published during the test, contract-checked as it is read. */
    protected EventTap events;

    @BeforeEach
    void openApiAndEvents() {
        api = new ServiceApi("http://localhost:" + port, TOKENS);
        events = EventTap.open(VHOST, "insight.#");
    }

    @AfterEach
    void closeEvents() {
        events.close();
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        ServiceProperties.of(DATABASE, VHOST, TOKENS).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("amends.insight.recurrence.grace-period", () -> "1h");
        registry.add("amends.insight.spikes.evaluate-every", () -> "1s");
        registry.add("amends.insight.reputation.evaluate-every", () -> "1s");
        registry.add("amends.insight.metrics-refresh", () -> "500ms");
    }

    /**
     * Publishes a CloudEvent to {@code amends.events} the way the producing service's relay does: confirmed before the
     * next, so events are applied in the order a test publishes them.
     */
    protected void publish(String cloudEventJson) {
        var event = JsonMapper.builder().build().readTree(cloudEventJson);
        var type = event.path("type").asString();
        var message = TestRabbit.cloudEvent(cloudEventJson);
        message.getMessageProperties().setMessageId(event.path("id").asString());
        TestRabbit.publishInOrder(rabbit, Exchanges.EVENTS, type.substring("amends.".length()), message);
    }

    /**
     * Applies case events as the consumer applies one batch from its queue: in one transaction, bypassing the broker,
     * so a test knows which events share it.
     */
    protected void applyAsOneBatch(List<String> cloudEventsJson) {
        applyAsOneBatch(cloudEventsJson, Subscriptions.INSIGHT_CASE_EVENTS);
    }

    /** As {@link #applyAsOneBatch(List)}, for the events of {@code subscription}'s queue. */
    protected void applyAsOneBatch(List<String> cloudEventsJson, Subscription subscription) {
        intake.takeAll(
                cloudEventsJson.stream()
                        .map(json -> json.getBytes(StandardCharsets.UTF_8))
                        .toList(),
                subscription);
    }

    /**
     * Hands a consumer's {@code listener} thirty batches, each {@code batchAbout} a fresh case of one product, and
     * asserts that they kept plans for {@code kept}, and only plans that read by index ({@link PreparedPlans}). Each
     * statement must run more than ten times on one connection; the pool hands the test's thread its last connection
     * unless a scheduled task holds that one at the moment, so thirty give one of two connections at least fifteen
     * (fifteen batches split 8 / 7 once in remedy-service's test of the same kind).
     */
    protected void assertBatchesKeepOnlyPlansThatReadByIndex(
            Consumer<List<Message>> listener, Function<Events.Case, List<String>> batchAbout, String... kept)
            throws SQLException {
        var product = "PLANS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        var base = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 30; i++) {
            var batch = batchAbout.apply(Events.Case.of(product, "CALCULATION", base.plusSeconds(i)));
            listener.accept(batch.stream().map(TestRabbit::cloudEvent).toList());
        }
        PreparedPlans.assertKeptOnlyWhereOnePlanIsRight(dataSource, kept);
    }

    /** The cases a signature's spike slots count, all slots together. */
    protected long casesInSlots(String signature) {
        return jdbc.sql("SELECT COALESCE(sum(cases), 0) FROM spike_slots WHERE signature = :s")
                .param("s", signature)
                .query(Long.class)
                .single();
    }

    /** Every row of a table, ordered by its key: for comparing read models row by row. */
    protected List<Map<String, Object>> rows(String table, String orderBy) {
        return jdbc.sql("SELECT * FROM " + table + " ORDER BY " + orderBy)
                .query()
                .listOfRows();
    }
}
