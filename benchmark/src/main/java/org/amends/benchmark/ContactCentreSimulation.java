package org.amends.benchmark;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A busy contact centre at one offered rate (an open model): partners and agents file cases (varied channels,
 * products, error kinds, English and Spanish), agents read their queue, case pages and timelines, and acknowledge and
 * resolve the cases filed earlier in the run. Every answer is recorded in the step's {@link Latencies}.
 */
public class ContactCentreSimulation extends Simulation {

    /** Cases filed in this JVM and not yet acknowledged, with their ETag; the updates work through them. */
    static final ConcurrentLinkedQueue<String[]> OPENED = new ConcurrentLinkedQueue<>();
    /** Cases acknowledged and not yet resolved, with their ETag. */
    static final ConcurrentLinkedQueue<String[]> ACKNOWLEDGED = new ConcurrentLinkedQueue<>();
    /** Cases to read. */
    static final ConcurrentLinkedQueue<String> READABLE = new ConcurrentLinkedQueue<>();

    private final LoadPlan plan = LoadPlan.current();

    {
        var protocol = http.baseUrl(plan.baseUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                // Partner systems and the portal's gateway keep connection pools; a connection per arrival would
                // measure TCP set-up, not Amends.
                .shareConnections()
                .disableCaching()
                // Gatling warms its HTTP engine up with a request to its own site by default: nothing leaves this
                // machine.
                .disableWarmUp();
        var mix = switch (plan.mix()) {
            case INTAKE -> intake();
            case CONTACT_CENTRE ->
                randomSwitch()
                        .on(
                                percent(70.0).then(intake()),
                                percent(20.0).then(read()),
                                percent(10.0).then(update()));
        };
        var users = scenario(plan.mix().name().toLowerCase()).exec(mix);
        setUp(users.injectOpen(constantUsersPerSec(plan.usersPerSecond()).during(plan.duration())))
                .protocols(protocol);
    }

    private ChainBuilder intake() {
        return exec(session -> {
                    var complaint = Complaints.next();
                    return session.set("body", complaint.json())
                            .set("token", token(complaint.byPartner()))
                            .set("request", complaint.byPartner() ? "intake (partner)" : "intake (agent)");
                })
                .exec(measured(
                        http("intake")
                                .post("/api/cases")
                                .header(
                                        "Idempotency-Key",
                                        session -> java.util.UUID.randomUUID().toString())
                                .body(StringBody("#{body}")),
                        Set.of(201),
                        true))
                .exec(session -> {
                    if (session.contains("caseId")) {
                        var id = session.getString("caseId");
                        OPENED.add(new String[] {id, session.getString("etag")});
                        if (READABLE.size() < 10_000) {
                            READABLE.add(id);
                        }
                    }
                    return session.removeAll("caseId", "etag");
                });
    }

    private ChainBuilder read() {
        return randomSwitch()
                .on(
                        percent(40.0)
                                .then(exec(session -> session.set("request", "read queue")
                                                .set("token", plan.tokens().agent()))
                                        .exec(measured(
                                                http("queue").get("/api/cases?status=RECEIVED&limit=20"),
                                                Set.of(200),
                                                false))),
                        percent(30.0).then(readOne("read case", "")),
                        percent(30.0).then(readOne("read timeline", "/timeline")));
    }

    private ChainBuilder readOne(String request, String suffix) {
        return exec(session -> {
                    var id = READABLE.poll();
                    if (id != null) {
                        READABLE.add(id);
                    }
                    return session.set("request", request)
                            .set("token", plan.tokens().agent())
                            .set("readId", id == null ? "" : id);
                })
                .doIf(session -> !session.getString("readId").isEmpty())
                .then(measured(http(request).get("/api/cases/#{readId}" + suffix), Set.of(200), false));
    }

    private ChainBuilder update() {
        return exec(session -> {
                    // Resolve what was acknowledged when there is some, else acknowledge what was filed: about as
                    // many of each, and every case is changed by one user only.
                    var acknowledged = Math.random() < 0.5 ? ACKNOWLEDGED.poll() : null;
                    if (acknowledged != null) {
                        return session.set("kind", "resolve")
                                .set("updateId", acknowledged[0])
                                .set("ifMatch", acknowledged[1]);
                    }
                    var opened = OPENED.poll();
                    return opened == null
                            ? session.set("kind", "none")
                            : session.set("kind", "acknowledge")
                                    .set("updateId", opened[0])
                                    .set("ifMatch", opened[1]);
                })
                .exec(session -> session.set("token", plan.tokens().agent()))
                .doIfOrElse(session -> session.getString("kind").equals("acknowledge"))
                .then(exec(session -> session.set("request", "acknowledge"))
                        .exec(measured(
                                http("acknowledge")
                                        .post("/api/cases/#{updateId}/acknowledgement")
                                        .header("If-Match", "#{ifMatch}")
                                        .body(StringBody("{}")),
                                Set.of(200),
                                false))
                        .exec(session -> {
                            if (session.contains("newEtag")) {
                                ACKNOWLEDGED.add(
                                        new String[] {session.getString("updateId"), session.getString("newEtag")});
                            }
                            return session;
                        }))
                .orElse(doIfOrElse(session -> session.getString("kind").equals("resolve"))
                        .then(exec(session -> session.set("request", "resolve"))
                                .exec(measured(
                                        http("resolve")
                                                .post("/api/cases/#{updateId}/resolution")
                                                .header("If-Match", "#{ifMatch}")
                                                .body(StringBody("""
                                                        {"rootCauseCode":"BILLING-RUN-DOUBLE-CHARGE",\
                                                        "summary":"The billing run charged twice; refunded."}""")),
                                        Set.of(200),
                                        false)))
                        .orElse(intake()));
    }

    /** The request with the token, its answer recorded under the session's "request" name. */
    private ChainBuilder measured(HttpRequestActionBuilder request, Set<Integer> expected, boolean opens) {
        var checked = request.header("Authorization", "Bearer #{token}")
                .check(responseTimeInMillis().saveAs("millis"), status().saveAs("status"));
        if (opens) {
            checked = checked.check(
                    jsonPath("$.id").optional().saveAs("caseId"),
                    header("ETag").optional().saveAs("etag"));
        } else {
            checked = checked.check(header("ETag").optional().saveAs("newEtag"));
        }
        return exec(checked).exec(session -> record(session, expected));
    }

    private Session record(Session session, Set<Integer> expected) {
        var request = session.getString("request");
        var millis = session.contains("millis") ? session.getInt("millis") : 0;
        if (!session.contains("status")) {
            plan.latencies().error(request, millis, "no answer");
        } else if (!expected.contains(session.getInt("status"))) {
            plan.latencies().error(request, millis, String.valueOf(session.getInt("status")));
        } else {
            plan.latencies().ok(request, millis);
        }
        return session.removeAll("millis", "status");
    }

    private String token(boolean partner) {
        if (!partner) {
            return plan.tokens().agent();
        }
        return Math.random() < 0.5 ? plan.tokens().acme() : plan.tokens().globex();
    }
}
