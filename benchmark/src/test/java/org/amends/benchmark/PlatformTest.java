package org.amends.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformTest {

    @Test
    void cpuByPartNamesTheGivenProcessesTheLoadGeneratorAndTheServersRunningHere() {
        var parts = Platform.cpuMillisByPart(Platform.processesByPart(
                Map.of("a service", ProcessHandle.current().pid())));

        assertThat(parts.keySet())
                .as("the services first, then the load generator and the servers, as the report lists them")
                .containsExactly("a service", Platform.LOAD_GENERATOR, "postgres", "rabbitmq", "redis");
        assertThat(parts.get("a service")).isPositive();
        assertThat(parts.get(Platform.LOAD_GENERATOR)).isPositive();
        // The tests run beside a real PostgreSQL (./amends infra): its processes have used CPU since they started.
        assertThat(parts.get("postgres"))
                .as("PostgreSQL's processes, found by their command name; start it with ./amends infra")
                .isPositive();
    }
}
