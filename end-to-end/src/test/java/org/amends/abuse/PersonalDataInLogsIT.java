package org.amends.abuse;

import static org.amends.abuse.Abuse.acme;
import static org.amends.abuse.Abuse.caseBody;
import static org.amends.abuse.Abuse.firstRemedyOf;
import static org.amends.abuse.Abuse.get;
import static org.amends.abuse.Abuse.marker;
import static org.amends.abuse.Abuse.platform;
import static org.amends.abuse.Abuse.post;
import static org.amends.abuse.Abuse.user;
import static org.amends.endtoend.GatewayCalls.json;
import static org.amends.endtoend.GatewayCalls.pause;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Customer data in logs: a customer's email and phone, sent through every path that handles them (intake, a refused
 * intake, reads, acknowledgement, the status page, remedies), never reach any service's or the gateway's log file.
 */
class PersonalDataInLogsIT {

    @Test
    void aCustomersEmailAndPhoneAppearInNoLog() throws IOException {
        var email = "pii-" + UUID.randomUUID() + "@example.com";
        var phone = "+34 6" + (10_000_000 + (long) (Math.random() * 89_999_999));
        var body = caseBody(marker());
        ((ObjectNode) body.path("customer")).put("email", email).put("phone", phone);
        var agent = user("agent1");

        var created = post("/api/cases", acme(), body.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var id = json(created).path("id").asString();
        var refused = body.deepCopy();
        ((ObjectNode) refused.path("customer"))
                .put("email", email + " not valid")
                .put("phone", phone + "x");
        assertThat(post("/api/cases", acme(), refused.toString()).statusCode()).isEqualTo(400);
        get("/api/cases/" + id, agent);
        var link = json(post("/api/cases/" + id + "/acknowledgement", agent, ""))
                .path("statusLink")
                .asString();
        get("/api/public/status/" + link.substring(link.lastIndexOf('/') + 1), null);
        firstRemedyOf(id);
        pause(Duration.ofSeconds(2));

        var logs = logFiles();
        assertThat(logs).isNotEmpty();
        for (var log : logs) {
            var text = Files.readString(log, StandardCharsets.ISO_8859_1);
            assertThat(text).as("%s holds the customer's email", log).doesNotContain(email);
            assertThat(text).as("%s holds the customer's phone", log).doesNotContain(phone);
        }
    }

    private static List<Path> logFiles() throws IOException {
        try (var files = Files.walk(platform().logs(), 2)) {
            return files.filter(path -> path.toString().endsWith(".log")).toList();
        }
    }
}
