package org.amends.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import org.amends.testkit.ServiceProperties;
import org.amends.testkit.TcpProxy;
import org.amends.testkit.TestJwtIssuer;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;

/**
 * The real servers every integration test (and {@link TestCaseServiceApplication}) runs against, made once per JVM: a
 * fresh PostgreSQL database, a fresh RabbitMQ virtual host reached through a {@link TcpProxy} that a test can cut,
 * and a JWT issuer with a real JWK Set endpoint.
 */
final class TestServers {

    static final TestPostgres.Database DATABASE = TestPostgres.freshDatabase("case");
    static final TestRabbit.VirtualHost RABBIT = TestRabbit.freshVirtualHost("case");
    static final TestJwtIssuer JWT = TestJwtIssuer.start();
    static final TcpProxy BROKER = TcpProxy.to(RABBIT.host(), RABBIT.port());

    private TestServers() {}

    /** The service's connection properties, plus short clocks so tests see SLA breaches and relays quickly. */
    static Map<String, String> properties() {
        var p = new LinkedHashMap<>(ServiceProperties.of(DATABASE, RABBIT, BROKER.host(), BROKER.port(), JWT));
        // LOW cases breach their clocks within seconds; tests that must not breach use MEDIUM or above.
        p.put("amends.sla.acknowledge.low", "1s");
        p.put("amends.sla.resolve.low", "3s");
        p.put("amends.sla.scan-interval", "200ms");
        p.put("amends.outbox.relay-interval", "100ms");
        p.put("amends.outbox.initial-backoff", "200ms");
        p.put("amends.outbox.max-backoff", "1s");
        p.put("amends.outbox.confirm-timeout", "2s");
        return p;
    }
}
