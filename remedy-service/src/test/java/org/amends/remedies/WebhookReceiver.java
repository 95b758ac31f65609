package org.amends.remedies;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's webhook endpoint, started by a test on loopback: answers with the given statuses in turn (the last one
 * from then on) and verifies each delivery's Standard Webhooks signature itself, independently of the service's code.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received, and whether its signature verified with the secret. */
    record Delivery(String id, String timestamp, String signature, String body, boolean signatureValid, int answered) {}

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String secret = "";

    private WebhookReceiver(int... statuses) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            var id = String.valueOf(headers.getFirst("webhook-id"));
            var timestamp = String.valueOf(headers.getFirst("webhook-timestamp"));
            var signature = String.valueOf(headers.getFirst("webhook-signature"));
            var valid = verify(id, timestamp, body, signature);
            int call = calls.getAndIncrement();
            int status = valid ? statuses[Math.min(call, statuses.length - 1)] : 401;
            deliveries.add(new Delivery(id, timestamp, signature, body, valid, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    static WebhookReceiver answering(int... statuses) {
        try {
            return new WebhookReceiver(statuses);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The secret the partner received at registration, to verify signatures with. */
    void useSecret(String secret) {
        this.secret = secret;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private boolean verify(String id, String timestamp, String body, String header) {
        if (!secret.startsWith("whsec_")) {
            return false;
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
            var expected = "v1,"
                    + Base64.getEncoder()
                            .encodeToString(
                                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return List.of(header.split(" ")).contains(expected);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
