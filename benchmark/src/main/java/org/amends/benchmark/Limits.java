package org.amends.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The machine's own limits, measured in the same run: PostgreSQL running the intake transaction (pgbench, in a
 * scratch database made from case-service's migrations) and RabbitMQ taking persistent messages with publisher
 * confirms on a quorum queue (PerfTest, on a scratch virtual host). Both are created and removed here.
 */
final class Limits {

    /**
     * One tool's figure.
     *
     * @param perSecond transactions (pgbench) or confirmed messages (PerfTest) per second
     * @param latencyMillis pgbench's mean transaction latency, PerfTest's median confirm latency
     * @param command what was run
     */
    record Limit(double perSecond, double latencyMillis, String command) {}

    /**
     * What case-service does for one accepted case, in one transaction and as many statements: look the
     * Idempotency-Key up, take a reference, remember the customer, insert the case, its first timeline entry and its
     * case.opened outbox row, then the key with the answer for replays.
     */
    static final String INTAKE_TRANSACTION = """
            \\set customer random(1, 1000000)
            BEGIN;
            SELECT gen_random_uuid() AS id, nextval('case_reference_seq') AS ref, now() AS at \\gset
            SELECT request_hash, response_status, response_body, location FROM idempotency_keys \
            WHERE party = 'CLIENT/acme-partner' AND idempotency_key = :id;
            INSERT INTO customers (contact, customer_id) VALUES ('email/c' || :customer || '@example.com', \
            gen_random_uuid()) ON CONFLICT (contact) DO NOTHING;
            INSERT INTO cases (id, reference, channel, submitted_by, submitter_kind, customer_name, customer_email, \
            customer_locale, customer_id, product, error_kind, summary, description, impact, severity, sentiment, \
            triage_reasons, order_reference, status, created_at, updated_at, acknowledge_due_at, resolve_due_at, version) \
            VALUES (CAST(:id AS uuid), 'AM-' || :ref, 'PARTNER', 'acme-partner', 'CLIENT', 'Lucía Pérez', \
            'c' || :customer || '@example.com', 'es', gen_random_uuid(), 'billing', 'CALCULATION', \
            'Cobro duplicado de la factura', 'Me habéis cobrado dos veces la factura de marzo.', 'HIGH', 'HIGH', -0.4, \
            ARRAY['impact HIGH','negative sentiment'], 'ORD-1', 'OPEN', CAST(:at AS timestamptz), \
            CAST(:at AS timestamptz), CAST(:at AS timestamptz) + interval '4 hours', \
            CAST(:at AS timestamptz) + interval '3 days', 1);
            INSERT INTO timeline (case_id, at, kind, actor, visibility, text) VALUES (CAST(:id AS uuid), \
            CAST(:at AS timestamptz), 'OPENED', 'acme-partner', 'CUSTOMER', 'Case AM-' || :ref || ' received via PARTNER.');
            INSERT INTO outbox (event_id, event_type, routing_key, subject, payload) VALUES (gen_random_uuid(), \
            'amends.case.opened.v1', 'case.opened.v1', :id, repeat('x', 900));
            INSERT INTO idempotency_keys (party, idempotency_key, request_hash, response_status, response_body, \
            location) VALUES ('CLIENT/acme-partner', :id, md5(:id) || md5(:id), 201, repeat('y', 1200), \
            '/api/cases/' || :id) ON CONFLICT (party, idempotency_key) DO NOTHING;
            END;
            """;

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PG_LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern SENT = Pattern.compile("sending rate avg: ([0-9]+) msg/s");
    private static final Pattern CONFIRM_MEDIAN =
            Pattern.compile("confirm latency min/median/75th/95th/99th [0-9.]+/([0-9.]+)/");

    private final Path root;
    private final Platform platform;

    Limits(Path root, Platform platform) {
        this.root = root;
        this.platform = platform;
    }

    Limit postgres(Duration duration, int clients) throws IOException, InterruptedException {
        var database =
                "amends_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        run(List.of(
                "psql",
                "-X",
                "-q",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-c",
                "CREATE DATABASE " + database));
        try {
            try (var migrations = Files.list(root.resolve("case-service/src/main/resources/db/migration"))) {
                for (var migration : migrations
                        .sorted(Comparator.comparingInt(Limits::version))
                        .toList()) {
                    run(List.of(
                            "psql",
                            "-X",
                            "-q",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-h",
                            "127.0.0.1",
                            "-U",
                            "postgres",
                            "-d",
                            database,
                            "-f",
                            migration.toString()));
                }
            }
            var script = Files.createTempFile("amends-intake", ".sql");
            Files.writeString(script, INTAKE_TRANSACTION);
            var command = List.of(
                    "pgbench",
                    "-n",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-M",
                    "prepared",
                    "-c",
                    String.valueOf(clients),
                    "-j",
                    "2",
                    "-T",
                    String.valueOf(duration.toSeconds()),
                    "-f",
                    script.toString(),
                    database);
            var output = run(command);
            Files.delete(script);
            return new Limit(
                    find(TPS, output),
                    find(PG_LATENCY, output),
                    String.join(" ", command.subList(0, command.size() - 2)) + " intake.sql <scratch db>");
        } finally {
            run(List.of(
                    "psql",
                    "-X",
                    "-q",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-d",
                    "postgres",
                    "-c",
                    "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"));
        }
    }

    Limit rabbitmq(Duration duration, int messageBytes) throws IOException, InterruptedException {
        var vhost = "amends-bench-" + UUID.randomUUID().toString().substring(0, 8);
        platform.send("PUT", "http://127.0.0.1:15672/api/vhosts/" + vhost, "{}");
        try {
            platform.send(
                    "PUT",
                    "http://127.0.0.1:15672/api/permissions/" + vhost + "/guest",
                    "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
            var arguments = List.of(
                    "--uri",
                    "amqp://guest:guest@127.0.0.1:5672/" + vhost,
                    "--producers",
                    "1",
                    "--consumers",
                    "1",
                    "--flag",
                    "persistent",
                    "--confirm",
                    "100",
                    "--quorum-queue",
                    "--queue",
                    "amends-bench",
                    "--size",
                    String.valueOf(messageBytes),
                    "--time",
                    String.valueOf(duration.toSeconds()));
            var command = new ArrayList<String>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "com.rabbitmq.perf.PerfTest"));
            command.addAll(arguments);
            var output = run(command);
            return new Limit(
                    find(SENT, output),
                    find(CONFIRM_MEDIAN, output) / 1000.0,
                    "PerfTest " + String.join(" ", arguments).replace("guest:guest@", ""));
        } finally {
            platform.send("DELETE", "http://127.0.0.1:15672/api/vhosts/" + vhost, "");
        }
    }

    private static int version(Path migration) {
        var name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static double find(Pattern pattern, String output) {
        var matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in the output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(command.getFirst() + " failed:\n" + output);
        }
        return output;
    }
}
