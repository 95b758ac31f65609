package org.amends.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a real server that a test can cut, slow down and restore, to show what happens when
 * the network to RabbitMQ or PostgreSQL goes away or turns slow without stopping the shared server itself.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile Duration delay = Duration.ZERO;

    private TcpProxy(ServerSocket listener, String targetHost, int targetPort) {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread.ofVirtual().name("tcp-proxy-" + port()).start(this::acceptLoop);
    }

    /** Listens on a free loopback port and forwards every connection to target. */
    public static TcpProxy to(String targetHost, int targetPort) {
        try {
            return new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetHost, targetPort);
        } catch (IOException e) {
            throw new IllegalStateException("could not open a proxy port", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    /** Closes every open connection and refuses new ones (they are accepted and closed at once) until restored. */
    public void cut() {
        cut = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /**
     * Holds every chunk of data, in both directions, for {@code delay} before passing it on (a slow or distant
     * network); {@link #restore()} or {@code Duration.ZERO} ends it.
     */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Lets connections through again, without delay. */
    public void restore() {
        delay = Duration.ZERO;
        cut = false;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                var client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                var upstream = new Socket();
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 2_000);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                var hold = delay;
                if (hold.isPositive()) {
                    Thread.sleep(hold);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // one side went away: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
