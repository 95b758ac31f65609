package org.amends.abuse;

import static org.amends.abuse.Abuse.acme;
import static org.amends.abuse.Abuse.assertProblem;
import static org.amends.abuse.Abuse.caseBody;
import static org.amends.abuse.Abuse.casesMarked;
import static org.amends.abuse.Abuse.get;
import static org.amends.abuse.Abuse.marker;
import static org.amends.abuse.Abuse.post;
import static org.amends.abuse.Abuse.storedCaseText;
import static org.amends.abuse.Abuse.user;
import static org.amends.endtoend.GatewayCalls.json;
import static org.amends.endtoend.GatewayCalls.request;
import static org.amends.endtoend.GatewayCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Injection: SQL, template and markup metacharacters in every free-text field are stored and returned exactly as
 * sent and never evaluated; hostile filter values are validation problems; malformed UTF-8 and NUL characters are
 * refused with problems and store nothing.
 */
class InjectionAbuseIT {

    static final String HOSTILE = "Robert'); DROP TABLE cases; -- \" OR \"1\"=\"1 ${7*7} {{7*7}} #{7*7} <%= 7*7 %>"
            + " <script>alert(1)</script> %s%n\\ \u202e ñ 😀";

    /** For the fields of at most 100 characters (product, social handle). */
    static final String SHORT = "x'); DROP TABLE cases; -- ${7*7} {{7*7}} <b>%s\u202e";

    @Test
    void metacharactersInEveryFreeTextFieldAreStoredAndReturnedInert() {
        var marker = "ORD-" + UUID.randomUUID() + HOSTILE.substring(0, 30);
        var body = caseBody(marker)
                .put("product", "p " + SHORT)
                .put("summary", "s " + HOSTILE)
                .put("description", "d " + HOSTILE);
        ((ObjectNode) body.path("customer")).put("name", "n " + HOSTILE).put("socialHandle", "@" + SHORT);

        var created = post("/api/cases", acme(), body.toString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var id = json(created).path("id").asString();
        var agent = user("agent1");
        var read = json(get("/api/cases/" + id, agent));
        assertThat(read.path("summary").asString()).isEqualTo("s " + HOSTILE);
        assertThat(read.path("description").asString()).isEqualTo("d " + HOSTILE);
        assertThat(read.path("product").asString()).isEqualTo("p " + SHORT);
        assertThat(storedCaseText(id, "customer_social")).isEqualTo("@" + SHORT);
        assertThat(storedCaseText(id, "customer_name")).isEqualTo("n " + HOSTILE);
        assertThat(storedCaseText(id, "order_reference")).isEqualTo(marker);
        assertThat(casesMarked(marker)).isOne();
        var preview = get("/api/cases/" + id + "/acknowledgement/preview", agent);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        // Not evaluated: the name stands in the mea-culpa exactly as sent (a bare "49" could be the due time's minute).
        assertThat(json(preview).path("message").asString())
                .contains("n " + HOSTILE)
                .doesNotContain("1\"=\"1 49");

        var note = post(
                "/api/cases/" + id + "/notes", agent, "{\"text\":" + quoted(HOSTILE) + ",\"visibility\":\"INTERNAL\"}");
        assertThat(note.statusCode()).as(note.body()).isEqualTo(201);
        var timeline = json(get("/api/cases/" + id + "/timeline", agent)).path("entries");
        assertThat(timeline.valueStream().map(entry -> entry.path("text").asString()))
                .contains(HOSTILE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "status=' OR 1=1 --",
                "severity=HIGH'; DROP TABLE cases; --",
                "errorKind=${7*7}",
                "channel=WEB%00",
                "breached=1 OR 1=1",
                "limit=10; DROP TABLE cases",
                "cursor=' OR '1'='1",
                "cursor=eyJhIjoiYiJ9"
            })
    void hostileFiltersAreValidationProblems(String filter) {
        var name = filter.substring(0, filter.indexOf('='));
        var value = filter.substring(filter.indexOf('=') + 1);

        var response =
                get("/api/cases?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), user("agent1"));

        assertProblem(response, 400);
    }

    @Test
    void malformedUtf8IsRefused() {
        var marker = marker();
        var text = caseBody(marker).toString();
        var at = text.indexOf("Charged twice");
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        bytes.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));

        var response = send(request("/api/cases")
                .header("Authorization", "Bearer " + acme())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())));

        assertProblem(response, 400);
        assertThat(casesMarked(marker)).isZero();
    }

    @Test
    void aNulCharacterIsAValidationProblem() {
        var marker = marker();

        var response = post(
                "/api/cases",
                acme(),
                caseBody(marker).put("summary", "Charged\u0000twice").toString());

        assertProblem(response, 400);
        assertThat(json(response).path("errors").toString()).contains("summary");
        assertThat(casesMarked(marker)).isZero();
    }

    @Test
    void otherControlCharactersAreStoredInert() {
        var marker = marker();
        var summary = "Bell\u0007 escape\u001b[31m tab\t end";

        var response = post(
                "/api/cases", acme(), caseBody(marker).put("summary", summary).toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(storedCaseText(json(response).path("id").asString(), "summary"))
                .isEqualTo(summary);
    }

    private static String quoted(String text) {
        return org.amends.endtoend.GatewayCalls.JSON.writeValueAsString(text);
    }
}
