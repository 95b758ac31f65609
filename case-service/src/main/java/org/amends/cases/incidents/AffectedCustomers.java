package org.amends.cases.incidents;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.amends.cases.lifecycle.model.IllegalTransitionException;
import org.amends.cases.security.Party;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in a streamed list of affected customers (NDJSON) and keeps its import jobs. The upload is streamed line by
 * line into {@code import_lines} through PostgreSQL's {@code COPY}, so memory stays flat however long the list is and
 * the answer comes as fast as the body arrives; {@link ImportWorker} turns the lines into cases later, at its own
 * pace.
 */
@Service
@EnableConfigurationProperties(ImportProperties.class)
public class AffectedCustomers {

    /** The states of an import job. */
    enum State {
        QUEUED,
        RUNNING,
        COMPLETED,
        FAILED
    }

    /** An import job as the API shows it. */
    @Schema(name = "ImportJob", description = "An import of affected customers and how far it got.")
    public record Job(
            UUID id,
            UUID incidentId,
            String state,
            int total,
            int processed,
            int created,
            int duplicates,
            int rejected,
            List<RejectedLine> rejectedLines,
            @Nullable String failure,
            Instant createdAt,
            Instant updatedAt) {}

    /** An import job in a list: its counts without the rejected lines (the job itself lists them). */
    @Schema(
            name = "ImportJobSummary",
            description = "An import in an incident's list: how far it got, without its rejected lines "
                    + "(`GET /api/jobs/{id}` lists them).")
    public record JobSummary(
            UUID id,
            UUID incidentId,
            String state,
            int total,
            int processed,
            int created,
            int duplicates,
            int rejected,
            @Nullable String failure,

            @Schema(description = "Who uploaded the list: a staff member's login or a partner's client id.")
            String submittedBy,

            Instant createdAt,
            Instant updatedAt) {}

    /** A line refused alone, with why. */
    @Schema(name = "RejectedLine", description = "A line refused alone: its number (from 1) and why.")
    public record RejectedLine(int line, String reason) {}

    /** At most this many rejected lines are listed on the job (all are counted). */
    static final int REJECTED_LINES_SHOWN = 1_000;

    /** Bytes of COPY rows sent to PostgreSQL at a time. */
    private static final int COPY_CHUNK = 256 * 1024;

    private final IncidentLifecycle incidents;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ImportProperties properties;
    private final Clock clock;

    AffectedCustomers(
            IncidentLifecycle incidents,
            JdbcClient jdbc,
            DataSource dataSource,
            ImportProperties properties,
            Clock clock) {
        this.incidents = incidents;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores the list as a {@code QUEUED} job, in one transaction: a broken upload leaves no job behind. A supervisor
     * (or admin) may upload to any incident still taking cases; a partner only to one that lists it (any other is
     * not found).
     */
    @Transactional
    public UUID upload(UUID incidentId, Party party, InputStream body) throws IOException {
        var incident = incidents.visible(incidentId, party);
        if (!party.isPartner() && !party.roles().contains("supervisor")) {
            throw new AccessDeniedException("only supervisors, admins and listed partners report affected customers");
        }
        if (!incident.takesCases()) {
            throw new IllegalTransitionException(
                    "incident " + incident.reference() + " is resolved; it takes no more cases");
        }
        var jobId = UUID.randomUUID();
        var now = Incidents.timestamp(now());
        jdbc.sql("""
                        INSERT INTO import_jobs (id, incident_id, submitted_by, submitter_kind, state, created_at,
                            updated_at) VALUES (?, ?, ?, ?, 'QUEUED', ?, ?)""")
                .params(jobId, incidentId, party.id(), party.kind().name(), now, now)
                .update();
        var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
        int total;
        try {
            total = copyLines(jobId, reader);
        } catch (SQLException e) {
            throw new UncategorizedSQLException("COPY import_lines", null, e);
        }
        jdbc.sql("UPDATE import_jobs SET total = ? WHERE id = ?")
                .params(total, jobId)
                .update();
        // The planner must know this job now has many lines: with the statistics of an empty table it sorts every
        // remaining line of the job for each batch the worker takes, instead of reading the first ones in key order.
        jdbc.sql("ANALYZE import_lines").update();
        return jobId;
    }

    /**
     * Streams the non-blank lines into {@code import_lines} with one {@code COPY ... FROM STDIN} on the transaction's
     * connection: one round trip per {@value #COPY_CHUNK} bytes instead of a statement per line, and never more than
     * one line and one chunk in memory. Returns how many lines were copied.
     */
    private int copyLines(UUID jobId, BufferedReader reader) throws IOException, SQLException {
        var connection = DataSourceUtils.getConnection(dataSource);
        var copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY import_lines (job_id, line_no, body) FROM STDIN (FORMAT text)");
        var prefix = (jobId + "\t").getBytes(StandardCharsets.US_ASCII);
        var chunk = new CopyChunk(COPY_CHUNK);
        int lineNo = 0;
        int total = 0;
        try {
            String line;
            while ((line = readLine(reader, properties.maxLineLength())) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                total++;
                chunk.write(prefix);
                chunk.text(Integer.toString(lineNo));
                chunk.write('\t');
                chunk.escaped(line);
                chunk.write('\n');
                if (chunk.size() >= COPY_CHUNK) {
                    copy.writeToCopy(chunk.bytes(), 0, chunk.size());
                    chunk.reset();
                }
            }
            if (chunk.size() > 0) {
                copy.writeToCopy(chunk.bytes(), 0, chunk.size());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return total;
    }

    /** A reusable buffer of COPY text-format rows. */
    private static final class CopyChunk extends ByteArrayOutputStream {

        CopyChunk(int size) {
            super(size + 16 * 1024);
        }

        byte[] bytes() {
            return buf;
        }

        void text(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                write(ascii.charAt(i));
            }
        }

        /**
         * The line in COPY's text format: backslash, tab, carriage return and newline escaped; a NUL, which no
         * PostgreSQL text can hold, becomes U+FFFD (the line is then rejected or kept as the worker judges it).
         */
        void escaped(String line) {
            var escaped = new StringBuilder(line.length() + 8);
            for (int i = 0; i < line.length(); i++) {
                var c = line.charAt(i);
                switch (c) {
                    case '\\' -> escaped.append("\\\\");
                    case '\t' -> escaped.append("\\t");
                    case '\r' -> escaped.append("\\r");
                    case '\n' -> escaped.append("\\n");
                    case '\0' -> escaped.append('\uFFFD');
                    default -> escaped.append(c);
                }
            }
            writeBytes(escaped.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The job, for the party that uploaded it or any supervisor; anyone else gets not found. */
    @Transactional(readOnly = true)
    public Job job(UUID jobId, Party party) {
        var row = jdbc.sql(JOB_COLUMNS + " WHERE id = ?")
                .param(jobId)
                .query(JobRow.class)
                .optional()
                .filter(r -> r.seenBy(party))
                .orElseThrow(() -> new IncidentNotFoundException("import job"));
        var rejectedLines = jdbc.sql("""
                        SELECT line_no, reason FROM import_rejections WHERE job_id = ? ORDER BY line_no LIMIT ?""")
                .params(jobId, REJECTED_LINES_SHOWN)
                .query((rs, n) -> new RejectedLine(rs.getInt("line_no"), rs.getString("reason")))
                .list();
        var summary = row.summary();
        return new Job(
                summary.id(),
                summary.incidentId(),
                summary.state(),
                summary.total(),
                summary.processed(),
                summary.created(),
                summary.duplicates(),
                summary.rejected(),
                rejectedLines,
                summary.failure(),
                summary.createdAt(),
                summary.updatedAt());
    }

    /**
     * An incident's imports, newest first, at most {@code limit}: every one for a supervisor, only its own for a
     * partner; an incident the party may not see is not found.
     */
    @Transactional(readOnly = true)
    public List<JobSummary> jobs(UUID incidentId, Party party, int limit) {
        incidents.visible(incidentId, party);
        if (!party.isPartner() && !party.roles().contains("supervisor")) {
            return List.of();
        }
        // A partner's own imports are chosen in the query, so the limit counts only theirs.
        var own = party.isPartner() ? " AND submitter_kind = :kind AND submitted_by = :by" : "";
        return jdbc
                .sql(JOB_COLUMNS + " WHERE incident_id = :incident" + own
                        + " ORDER BY created_at DESC, id LIMIT :limit")
                .param("incident", incidentId)
                .param("kind", party.kind().name())
                .param("by", party.id())
                .param("limit", limit)
                .query(JobRow.class)
                .stream()
                .map(JobRow::summary)
                .toList();
    }

    private static final String JOB_COLUMNS = """
            SELECT id, incident_id, submitted_by, submitter_kind, state, total, processed, created, duplicates,
                rejected, failure, created_at, updated_at
            FROM import_jobs""";

    /** A row of {@code import_jobs}. */
    private record JobRow(
            UUID id,
            UUID incidentId,
            String submittedBy,
            String submitterKind,
            String state,
            int total,
            int processed,
            int created,
            int duplicates,
            int rejected,
            @Nullable String failure,
            java.time.OffsetDateTime createdAt,
            java.time.OffsetDateTime updatedAt) {

        /** The uploader and any supervisor see a job; nobody else. */
        boolean seenBy(Party party) {
            return party.isPartner()
                    ? submitterKind.equals(party.kind().name()) && submittedBy.equals(party.id())
                    : party.roles().contains("supervisor");
        }

        JobSummary summary() {
            return new JobSummary(
                    id,
                    incidentId,
                    state,
                    total,
                    processed,
                    created,
                    duplicates,
                    rejected,
                    failure,
                    submittedBy,
                    createdAt.toInstant(),
                    updatedAt.toInstant());
        }
    }

    /**
     * The next line without its line break, or null at the end. A line longer than {@code max} is cut to
     * {@code max + 1} characters (the rest skipped), so the worker rejects it for its length without it ever being
     * held whole.
     */
    static @Nullable String readLine(Reader reader, int max) throws IOException {
        var line = new StringBuilder();
        int c;
        boolean any = false;
        while ((c = reader.read()) != -1) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (line.length() <= max) {
                line.append((char) c);
            }
        }
        if (!any) {
            return null;
        }
        var length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        return line.toString();
    }

    static Optional<String> tooLong(String line, int max) {
        return line.length() > max ? Optional.of("line is longer than " + max + " characters") : Optional.empty();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
