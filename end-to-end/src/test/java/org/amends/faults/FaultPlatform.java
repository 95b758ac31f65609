package org.amends.faults;

import java.time.Duration;
import org.amends.endtoend.AmendsPlatform;
import org.amends.endtoend.ServiceProcess;
import org.amends.testkit.TcpProxy;
import org.amends.testkit.TestKeycloak;
import org.amends.testkit.TestPostgres;
import org.amends.testkit.TestRabbit;
import org.amends.testkit.TestRedis;

/**
 * A platform of the fault suite's own, beside the one the other end-to-end tests share: its own databases, virtual
 * host and processes, and every service reaching PostgreSQL and RabbitMQ through a {@link TcpProxy} the suite can cut.
 * The real databases and virtual host are kept to check afterwards what each service really holds.
 */
final class FaultPlatform {

    final TestKeycloak keycloak;
    final TestPostgres.Database caseDatabase;
    final TestPostgres.Database remedyDatabase;
    final TestPostgres.Database insightDatabase;
    final TestRabbit.VirtualHost vhost;
    /** Between every service and PostgreSQL. */
    final TcpProxy postgres;
    /** Between every service and RabbitMQ. */
    final TcpProxy rabbit;

    final ServiceProcess caseService;
    final ServiceProcess remedyService;
    final ServiceProcess insightService;
    final ServiceProcess gateway;

    private FaultPlatform() {
        keycloak = TestKeycloak.instance();
        caseDatabase = TestPostgres.freshDatabase("faults_case");
        remedyDatabase = TestPostgres.freshDatabase("faults_remedy");
        insightDatabase = TestPostgres.freshDatabase("faults_insight");
        vhost = TestRabbit.freshVirtualHost("faults");
        postgres = TcpProxy.to(caseDatabase.host(), caseDatabase.port());
        rabbit = TcpProxy.to(vhost.host(), vhost.port());
        var processes = AmendsPlatform.startProcesses(new AmendsPlatform.Wiring(
                keycloak,
                throughProxy(caseDatabase),
                throughProxy(remedyDatabase),
                throughProxy(insightDatabase),
                new TestRabbit.VirtualHost(
                        vhost.name(),
                        rabbit.host(),
                        rabbit.port(),
                        vhost.username(),
                        vhost.password(),
                        vhost.managementUrl()),
                TestRedis.freshDatabase(),
                AmendsPlatform.logsDirectory().resolve("faults")));
        caseService = processes.caseService();
        remedyService = processes.remedyService();
        insightService = processes.insightService();
        gateway = processes.gateway();
    }

    static FaultPlatform start() {
        return new FaultPlatform();
    }

    String gatewayUrl() {
        return gateway.baseUrl();
    }

    /** Waits until every process answers healthy again (PostgreSQL and RabbitMQ reachable, listeners up). */
    void awaitHealthy(Duration patience) {
        for (var service : new ServiceProcess[] {caseService, remedyService, insightService, gateway}) {
            service.awaitHealthy(patience);
        }
    }

    private TestPostgres.Database throughProxy(TestPostgres.Database database) {
        return new TestPostgres.Database(
                database.name(), postgres.host(), postgres.port(), database.username(), database.password());
    }
}
