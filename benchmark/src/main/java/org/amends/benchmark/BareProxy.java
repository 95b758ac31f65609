package org.amends.benchmark;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The floor under the gateway's cost: an HTTP proxy on Reactor Netty, the server and client the gateway itself runs on,
 * with nothing of the gateway on them (no routes, security, rate limits, breakers, metrics or logs). Each request goes
 * to the one upstream as it came, its answer back as it comes. The benchmark runs intake through it as a series of its
 * own, in a process of its own: what any proxy hop costs on this machine, beside what the gateway's costs.
 *
 * <p>Usage: {@code java -cp <the benchmark's class path> org.amends.benchmark.BareProxy <port> <upstream URL>}.
 */
public final class BareProxy {

    private BareProxy() {}

    public static void main(String[] args) {
        var server = start(Integer.parseInt(args[0]), args[1]);
        System.out.println("bare proxy listening on 127.0.0.1:" + server.port() + ", relaying to " + args[1]);
        server.onDispose().block();
    }

    /** Listens on 127.0.0.1 at {@code port} (0: any free one) and relays every request to {@code upstream}. */
    static DisposableServer start(int port, String upstream) {
        // The gateway's client pool is elastic (Spring Cloud Gateway's default); 500 is more than any step holds.
        var client =
                HttpClient.create(ConnectionProvider.create("upstream", 500)).baseUrl(upstream);
        return HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> client.headers(headers -> {
                            headers.set(request.requestHeaders());
                            headers.remove(HttpHeaderNames.HOST);
                            headers.remove(HttpHeaderNames.CONNECTION);
                        })
                        .request(request.method())
                        .uri(request.uri())
                        .send(request.receive().retain())
                        .response((answer, body) -> {
                            response.status(answer.status()).headers(answer.responseHeaders());
                            // Tomcat closes a connection after 100 requests; that is the hop's business, not the
                            // client's.
                            response.responseHeaders().remove(HttpHeaderNames.CONNECTION);
                            return response.send(body.retain());
                        }))
                .bindNow();
    }
}
