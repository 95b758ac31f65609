package org.amends.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak for end-to-end tests: the {@code keycloak-quarkus-dist} zip that Maven resolved, unpacked once under
 * the build directory and started in dev mode with the project's {@code amends} realm imported. One per test JVM,
 * stopped when it exits.
 *
 * <p>System properties (set by the module's Failsafe configuration): {@code amends.keycloak.dist} the zip,
 * {@code amends.keycloak.realm} the realm JSON, {@code amends.keycloak.work} where to unpack.
 */
public final class TestKeycloak {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The master realm's administrator of the test Keycloak (test-only credentials, created at its first start). */
    private static final String ADMIN_USERNAME = "amends-test-admin";

    private static final String ADMIN_PASSWORD = "amends-test-admin";
    private static @Nullable TestKeycloak running;

    private final String baseUrl;
    private final Process process;

    private TestKeycloak(String baseUrl, Process process) {
        this.baseUrl = baseUrl;
        this.process = process;
    }

    /** The Keycloak of this JVM, started on first use (about 35 s). */
    public static synchronized TestKeycloak instance() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    /** e.g. {@code http://localhost:41234} */
    public String baseUrl() {
        return baseUrl;
    }

    /** The {@code iss} of the realm's tokens. */
    public String issuer() {
        return baseUrl + "/realms/amends";
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** An access token for a partner client, by the client-credentials grant. */
    public String clientCredentialsToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** An access token for a demo user, by the direct-access grant of the public {@code amends-cli} client. */
    public String passwordToken(String username, String password) {
        return token(Map.of(
                "grant_type", "password", "client_id", "amends-cli", "username", username, "password", password));
    }

    /**
     * An access token of the master realm's administrator, for Keycloak's admin REST API ({@code baseUrl() +
     * "/admin/realms/amends/..."}): tests that change the realm (disable a client, add a key) use it.
     */
    public String adminToken() {
        return token(
                baseUrl + "/realms/master/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        ADMIN_USERNAME,
                        "password",
                        ADMIN_PASSWORD));
    }

    private String token(Map<String, String> form) {
        return token(tokenEndpoint(), form);
    }

    private String token(String endpoint, Map<String, String> form) {
        var body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Keycloak refused a token (" + response.statusCode() + "): " + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TestKeycloak start() {
        var dist = Path.of(required("amends.keycloak.dist", "the keycloak-quarkus-dist zip"));
        var realm = Path.of(required("amends.keycloak.realm", "the amends realm JSON"));
        var work = Path.of(System.getProperty("amends.keycloak.work", "target/keycloak"));
        var home = unpack(dist, work);
        try {
            var imports = home.resolve("data/import");
            deleteTree(home.resolve("data"));
            Files.createDirectories(imports);
            Files.copy(realm, imports.resolve("amends-realm.json"));
            var port = Servers.freePort();
            var managementPort = Servers.freePort();
            var command = new ArrayList<>(List.of(
                    "bash",
                    home.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--http-port=" + port,
                    "--http-management-port=" + managementPort,
                    "--hostname=http://localhost:" + port,
                    "--import-realm",
                    "--cache=local"));
            var log = work.resolve("keycloak.log");
            var builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_APPEND", "-Xms64m -Xmx768m");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            var process = builder.start();
            var keycloak = new TestKeycloak("http://localhost:" + port, process);
            Servers.onExit("keycloak", keycloak::stop);
            keycloak.awaitRealm(log);
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitRealm(Path log) {
        // Keycloak's first start (Quarkus augmentation, schema, realm import) takes minutes on a busy machine.
        var patience = Duration.parse(System.getProperty("amends.keycloak.start-timeout", "PT3M"));
        var deadline = Instant.now().plus(patience);
        var discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited during start (code " + process.exitValue() + "); see " + log.toAbsolutePath());
            }
            try {
                var response = HTTP.send(
                        HttpRequest.newBuilder(discovery)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        stop();
        throw new IllegalStateException("Keycloak did not serve the amends realm within " + patience
                + " (amends.keycloak.start-timeout); see " + log.toAbsolutePath());
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor(
                    java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Unpacks the distribution once; a later run with the same zip reuses it. */
    private static Path unpack(Path zip, Path work) {
        try {
            Files.createDirectories(work);
            var marker = work.resolve(".unpacked-" + zip.getFileName() + "-" + Files.size(zip));
            try (var archive = new ZipFile(zip.toFile())) {
                var top = archive.stream()
                        .map(e -> e.getName().substring(0, e.getName().indexOf('/')))
                        .findFirst()
                        .orElseThrow();
                var home = work.resolve(top);
                if (Files.exists(marker) && Files.isDirectory(home)) {
                    return home;
                }
                deleteTree(home);
                for (var entries = archive.entries(); entries.hasMoreElements(); ) {
                    var entry = entries.nextElement();
                    var target = work.resolve(entry.getName()).normalize();
                    if (!target.startsWith(work)) {
                        throw new IllegalStateException("zip entry escapes its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (var in = archive.getInputStream(entry)) {
                            Files.copy(in, target);
                        }
                    }
                }
                Files.createFile(marker);
                return home;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack Keycloak from " + zip, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String required(String property, String what) {
        var value = System.getProperty(property);
        if (value == null || value.isBlank() || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("System property " + property + " must point at " + what + " (got "
                    + value + "); the module's Failsafe configuration sets it after Maven resolves "
                    + "org.keycloak:keycloak-quarkus-dist.");
        }
        return value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
