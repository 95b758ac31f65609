package org.amends.endtoend;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.amends.testkit.TestRabbit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what case-service published to the end-to-end queue and remembers each event by its subject (the case id),
 * so a test finds its own case's event whatever other tests published around it.
 */
final class PublishedEvents implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Connection connection;
    private final Channel channel;
    private final Map<String, String> bySubject = new ConcurrentHashMap<>();

    PublishedEvents(TestRabbit.VirtualHost vhost) {
        try {
            connection = AmendsPlatform.connectionFactory(vhost).newConnection("end-to-end-reader");
            channel = connection.createChannel();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw CloudEvent JSON published about {@code subject}, waiting up to {@code patience} for it. */
    synchronized String awaitAbout(String subject, Duration patience) {
        var deadline = Instant.now().plus(patience);
        while (!bySubject.containsKey(subject) && Instant.now().isBefore(deadline)) {
            if (!drainOne()) {
                sleep();
            }
        }
        var event = bySubject.get(subject);
        if (event == null) {
            throw new AssertionError("no event about " + subject + " reached " + AmendsPlatform.CASE_EVENTS_QUEUE
                    + " within " + patience + " (saw " + bySubject.keySet() + ")");
        }
        return event;
    }

    private boolean drainOne() {
        try {
            var message = channel.basicGet(AmendsPlatform.CASE_EVENTS_QUEUE, true);
            if (message == null) {
                return false;
            }
            var body = new String(message.getBody(), StandardCharsets.UTF_8);
            bySubject.put(JSON.readTree(body).path("subject").asString(""), body);
            return true;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
