package org.amends.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus configuration and alerting rules as Prometheus' own {@code promtool} reads them (Debian package
 * {@code prometheus}): valid, and each alert firing on the synthetic series of prometheus/tests/ and not before.
 */
class PrometheusRulesTest {

    @Test
    void theComposeConfigurationIsValid() {
        var result = promtool("check", "config", "prometheus/prometheus.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theAlertingRulesAreValid() {
        var result = promtool("check", "rules", "prometheus/rules/amends.rules.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertFiresOnItsScenarioAndOnlyThere() {
        var result = promtool("test", "rules", "prometheus/tests/amends.rules.test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    private record Result(int exitCode, String output) {}

    private static Result promtool(String... arguments) {
        var command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        try {
            var process = new ProcessBuilder(command)
                    .directory(Manifests.root().toFile())
                    .redirectErrorStream(true)
                    .start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool did not finish: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "promtool is needed (Debian: apt-get install -y prometheus, then stop the prometheus it starts)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
