package org.amends.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;
import java.util.regex.Pattern;

/**
 * What the benchmark reads from the running platform and this machine: queue depths (RabbitMQ's management API), the
 * outbox backlog (the services' Prometheus endpoints), event lag (case-service's and insight-service's databases),
 * CPU time and resident memory of processes (/proc).
 */
final class Platform {

    static final Map<String, Integer> SERVICE_PORTS =
            Map.of("gateway", 8080, "case-service", 8081, "remedy-service", 8082, "insight-service", 8083);

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String managementAuth =
            "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));

    /** Messages in every queue of ours (ready and unacknowledged), by queue name. */
    Map<String, Long> queueDepths() {
        var result = new TreeMap<String, Long>();
        try {
            var queues =
                    json.readTree(get("http://127.0.0.1:15672/api/queues/%2F?columns=name,messages", managementAuth));
            for (var queue : queues) {
                var name = queue.path("name").asText();
                if (name.contains("-service.")) {
                    result.put(name, queue.path("messages").asLong(0));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("RabbitMQ's management API answered something unreadable: " + e, e);
        }
        return result;
    }

    /** Events written to each service's outbox and not yet confirmed by RabbitMQ (both lanes). */
    Map<String, Long> outboxBacklog() {
        var result = new TreeMap<String, Long>();
        for (var service : List.of("case-service", "remedy-service", "insight-service")) {
            result.put(service, (long) metric(service, "amends_outbox_backlog"));
        }
        return result;
    }

    /** A metric of a running service as its {@code /actuator/prometheus} shows it, summed over its series. */
    double metric(String service, String name) {
        var body = get("http://127.0.0.1:" + SERVICE_PORTS.get(service) + "/actuator/prometheus", null);
        var sum = 0.0;
        for (var line : body.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /**
     * For each case opened in [from, to): how long after its opening insight-service had applied its case.opened
     * event (the case's created_at is the event's time; insight's inbox row its processing time), in milliseconds.
     */
    double[] eventLagMillis(Instant from, Instant to) {
        var opened = new HashMap<String, Instant>();
        try (var cases = database("amends_case");
                var query = cases.prepareStatement(
                        "SELECT id::text, created_at FROM cases WHERE created_at >= ? AND created_at < ?")) {
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    opened.put(rows.getString(1), rows.getTimestamp(2).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read case-service's database amends_case: " + e, e);
        }
        var lags = new ArrayList<Double>();
        try (var insight = database("amends_insight");
                var query = insight.prepareStatement("""
                        SELECT case_id, received_at FROM processed_events
                        WHERE type = 'amends.case.opened.v1' AND received_at >= ?""")) {
            query.setTimestamp(1, Timestamp.from(from));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    var at = opened.get(rows.getString(1));
                    if (at != null) {
                        var received = rows.getTimestamp(2).toInstant();
                        lags.add((received.toEpochMilli() - at.toEpochMilli())
                                + (received.getNano() % 1_000_000 - at.getNano() % 1_000_000) / 1e6);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read insight-service's database amends_insight: " + e, e);
        }
        return lags.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Events our services make on a schedule, not in answer to a request or another event: the SLA clock's breaches
     * (every 10 s, for cases opened long before), insight-service's spike and reputation evaluations (every minute). A
     * drain that waited for one of them measured the schedule, not a backlog: in two runs the drains read 6.7–7.8 s at
     * 10–100/s and 18.6 s at the gateway's highest sustained step, the SLA clock's breaches of cases opened a quarter
     * of an hour earlier.
     */
    static final List<String> SCHEDULED_EVENTS = List.of(
            "amends.case.sla-breached.v1",
            "amends.insight.spike-detected.v1",
            "amends.insight.reputation-risk-raised.v1");

    /**
     * When the last event applied by any of our consumers in [from, to] was taken (the latest inbox row's {@code
     * received_at} in the three services' databases: the start of the transaction that applied it); empty when none.
     * Every event ends in a consumer's inbox, so this is when the platform last had event work in hand, to the
     * millisecond, where RabbitMQ's management API counts a queue's messages only every few seconds. Events made on a
     * schedule ({@link #SCHEDULED_EVENTS}) are not counted.
     */
    Optional<Instant> lastEventApplied(Instant from, Instant to) {
        Instant last = null;
        for (var database : List.of("amends_case", "amends_remedy", "amends_insight")) {
            try (var connection = database(database)) {
                var at = lastEventApplied(connection, from, to);
                if (at.isPresent() && (last == null || at.get().isAfter(last))) {
                    last = at.get();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the inbox in " + database + ": " + e, e);
            }
        }
        return Optional.ofNullable(last);
    }

    /** {@link #lastEventApplied(Instant, Instant)} in one service's database. */
    static Optional<Instant> lastEventApplied(Connection connection, Instant from, Instant to) throws SQLException {
        try (var query = connection.prepareStatement("""
                SELECT max(received_at) FROM processed_events
                WHERE received_at BETWEEN ? AND ? AND type <> ALL (?)""")) {
            query.setTimestamp(1, Timestamp.from(from));
            query.setTimestamp(2, Timestamp.from(to));
            query.setArray(3, connection.createArrayOf("text", SCHEDULED_EVENTS.toArray()));
            try (var rows = query.executeQuery()) {
                rows.next();
                return Optional.ofNullable(rows.getTimestamp(1)).map(Timestamp::toInstant);
            }
        }
    }

    /** A connection to one of the platform's databases on the local PostgreSQL (trust authentication). */
    static Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "");
    }

    /**
     * CPU time (user + system) a process has used, with that of its ended children it waited for, in milliseconds; 0
     * when it is gone.
     */
    private static double cpuMillis(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces) start after the last ')': utime, stime, cutime and
            // cstime are the 14th to 17th.
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            var ticks = Long.parseLong(fields[11])
                    + Long.parseLong(fields[12])
                    + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
            return ticks * 1000.0 / CLOCK_TICKS;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The processes of each part of the machine: every process named in {@code pids} (our services, Keycloak), the
     * load generator (this JVM: Gatling runs in it), and PostgreSQL's, RabbitMQ's and Redis's, found by their command
     * names. One pass over {@code /proc}, shared by {@link #cpuMillisByPart} and {@link #waitMillisByPart}.
     */
    static Map<String, List<Long>> processesByPart(Map<String, Long> pids) {
        var result = new LinkedHashMap<String, List<Long>>();
        pids.forEach((part, pid) -> result.put(part, List.of(pid)));
        result.put(LOAD_GENERATOR, List.of(ProcessHandle.current().pid()));
        for (var server : SERVERS) {
            result.put(server.part(), new ArrayList<>());
        }
        try (var processes = Files.list(Path.of("/proc"))) {
            for (var process : processes.toList()) {
                var name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String command;
                try {
                    command = Files.readString(process.resolve("comm")).trim();
                } catch (IOException gone) {
                    continue;
                }
                for (var server : SERVERS) {
                    if (server.command().matcher(command).matches()) {
                        result.get(server.part()).add(Long.parseLong(name));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e, e);
        }
        return result;
    }

    /**
     * CPU time each part of the machine has used, in milliseconds, the sum over its processes ({@link
     * #processesByPart}). A process's children that have ended count with it, so the PostgreSQL connections closed
     * between two readings stay counted (in the postmaster, which waited for them).
     */
    static Map<String, Double> cpuMillisByPart(Map<String, List<Long>> processes) {
        return summed(processes, Platform::cpuMillis);
    }

    /**
     * Time each part's threads spent ready to run but waiting for a core (in the kernel's run queue), in
     * milliseconds, the sum over its processes ({@link #processesByPart}) of every thread's {@code
     * /proc/<pid>/task/<tid>/schedstat}. Unlike CPU time, a thread's wait leaves with it when it ends, so a part whose
     * threads or connections come and go between two readings shows less than it waited.
     */
    static Map<String, Double> waitMillisByPart(Map<String, List<Long>> processes) {
        return summed(processes, Platform::runQueueMillis);
    }

    private static Map<String, Double> summed(Map<String, List<Long>> processes, LongToDoubleFunction figure) {
        var result = new LinkedHashMap<String, Double>();
        processes.forEach((part, pids) -> result.put(
                part, pids.stream().mapToDouble(figure::applyAsDouble).sum()));
        return result;
    }

    /** Time the threads of a process now alive have waited in the run queue, in milliseconds; 0 when it is gone. */
    private static double runQueueMillis(long pid) {
        try (var threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
            var nanos = 0L;
            for (var thread : threads.toList()) {
                try {
                    // Time on a core, time waiting for one, and time slices run, in nanoseconds.
                    nanos += Long.parseLong(
                            Files.readString(thread.resolve("schedstat")).trim().split(" ")[1]);
                } catch (IOException ended) {
                    // The thread ended while we listed them.
                }
            }
            return nanos / 1e6;
        } catch (IOException | UncheckedIOException gone) {
            return 0;
        }
    }

    /**
     * The kernel's CPU pressure: how long, in milliseconds, at least one thread on the machine was waiting for a core
     * (the {@code some} total of {@code /proc/pressure/cpu}); 0 where the kernel does not report it.
     */
    static double cpuPressureMillis() {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/pressure/cpu"))) {
                if (line.startsWith("some ")) {
                    return Long.parseLong(
                                    line.substring(line.indexOf("total=") + 6).trim())
                            / 1000.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The load generator's part in {@link #processesByPart}. */
    static final String LOAD_GENERATOR = "load generator";

    /** The servers' parts in {@link #processesByPart}, by the command names of their processes. */
    private static final List<Server> SERVERS = List.of(
            new Server("postgres", Pattern.compile("postgres.*")),
            new Server("rabbitmq", Pattern.compile("beam\\.smp|erl_child_setup|epmd|inet_gethost")),
            new Server("redis", Pattern.compile("redis-server")));

    private record Server(String part, Pattern command) {}

    /** CPU time every core of the machine spent busy (not idle nor waiting for I/O), in milliseconds. */
    static double machineBusyMillis() {
        try {
            var cpu =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            var busy = 0L;
            for (var i = 1; i < cpu.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy * 1000.0 / CLOCK_TICKS;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Resident memory of a process in MiB; 0 when it is gone. */
    static double rssMiB(long pid) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static final long CLOCK_TICKS = 100;

    /** The machine: cores, memory, load average, kernel. */
    static Map<String, Object> machine() {
        var result = new LinkedHashMap<String, Object>();
        result.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            for (var line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    result.put(
                            "memoryGiB",
                            Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0 * 10) / 10.0);
                }
            }
            for (var line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    result.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            result.put(
                    "kernel",
                    Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        } catch (IOException e) {
            result.put("error", e.toString());
        }
        result.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return result;
    }

    /** The 1-, 5- and 15-minute load averages. */
    static double[] loadAverage() {
        try {
            var parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return new double[] {
                Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])
            };
        } catch (IOException e) {
            return new double[] {-1, -1, -1};
        }
    }

    String get(String url, String authorization) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(url + " is not answering: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String send(String method, String url, String body) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", managementAuth)
                            .header("Content-Type", "application/json")
                            .method(method, HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(url + " is not answering: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
