package org.amends.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

class BareProxyTest {

    /** What the upstream saw of the last request. */
    record Seen(String method, String uri, String authorization, String body) {}

    private final AtomicReference<Seen> seen = new AtomicReference<>();
    private HttpServer upstream;
    private DisposableServer proxy;

    @BeforeEach
    void upstreamAndProxy() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.set(new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
            var answer = "{\"id\":\"c-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Location", "/api/cases/c-1");
            // As Tomcat says on a connection's last request: the client of the proxy must not see it.
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        upstream.start();
        proxy = BareProxy.start(0, "http://127.0.0.1:" + upstream.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        proxy.disposeNow();
        upstream.stop(0);
    }

    @Test
    void relaysTheRequestAsItCameAndTheAnswerAsItWent() throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/api/cases?x=1"))
                                .header("Authorization", "Bearer t")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"summary\":\"Charged twice\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(seen.get())
                .isEqualTo(new Seen("POST", "/api/cases?x=1", "Bearer t", "{\"summary\":\"Charged twice\"}"));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"id\":\"c-1\"}");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/cases/c-1");
        assertThat(response.headers().firstValue("Connection")).isEmpty();
    }
}
