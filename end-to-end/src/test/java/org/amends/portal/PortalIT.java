package org.amends.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.amends.endtoend.AmendsPlatform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal in a real headless Chromium against the real gateway, Keycloak and services: people sign in on Keycloak's
 * own login page; the browser is pointed at 127.0.0.1, whose redirect URIs the realm accepts on any port.
 */
class PortalIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static AmendsPlatform platform;
    private static String portal;

    @BeforeAll
    static void platform() {
        platform = AmendsPlatform.instance();
        portal = platform.gatewayUrl().replace("localhost", "127.0.0.1");
    }

    @Test
    void anAgentSignsInFilesACaseByKeyboardAndAcknowledgesIt() {
        try (var browser = Browser.open(false)) {
            browser.go(portal + "/portal/intake");
            browser.signIn("agent1", "amends");
            browser.await(By.id("name"));
            browser.awaitText(By.id("user"), "agent1");
            browser.assertAccessible("intake");

            // Keyboard only: the name field has the focus; Tab moves on; Enter in a field files the case.
            var keyboard = browser.driver().switchTo().activeElement();
            assertThat(keyboard.getAttribute("id")).isEqualTo("name");
            var summary = "Charged twice " + UUID.randomUUID();
            new org.openqa.selenium.interactions.Actions(browser.driver())
                    .sendKeys("Ana García", Keys.TAB, "ana@example.com", Keys.TAB, "+34600000000", Keys.TAB)
                    .sendKeys(Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB)
                    .sendKeys(summary, Keys.TAB, "The invoice was charged twice.")
                    .keyDown(Keys.SHIFT)
                    .sendKeys(Keys.TAB)
                    .keyUp(Keys.SHIFT)
                    .sendKeys(Keys.ENTER)
                    .perform();
            browser.awaitText(By.id("result"), "Computed severity:");
            browser.screenshot("agent-intake");

            // The result focuses the link to the new case; Enter opens it.
            browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.awaitText(By.id("heading"), summary);
            browser.await(By.id("preview")).click();
            var message = browser.await(By.id("ack-message"));
            assertThat(message.getAttribute("value")).isNotBlank();
            browser.assertAccessible("case");
            browser.driver().findElement(By.id("acknowledge-send")).click();
            var link = browser.await(By.id("link")).getAttribute("value");
            assertThat(link).startsWith(portal + "/status/");
            browser.awaitText(By.id("facts"), "Acknowledged");
            browser.screenshot("agent-acknowledged");

            browser.go(portal + "/portal/queue");
            browser.await(By.id("cases"));
            browser.awaitText(By.id("cases"), summary);
            browser.assertAccessible("queue");
            browser.screenshot("agent-queue");
        }
    }

    @Test
    void aSupervisorApprovesARefundAndTheCustomerAcceptsItOnTheStatusPageInSpanish() {
        var agent = platform.keycloak().passwordToken("agent1", "amends");
        var filed = json(send(post("/api/cases", agent, """
                {"channel":"PHONE",
                 "customer":{"name":"Lucía Pérez","email":"lucia-%1$s@example.com","locale":"es"},
                 "product":"billing","errorKind":"CALCULATION","summary":"Cobro duplicado %1$s",
                 "description":"La factura se cobró dos veces.","impact":"HIGH"}""".formatted(UUID.randomUUID()))), 201);
        var caseId = filed.path("id").asString();
        var reference = filed.path("reference").asString();
        var deadline = Instant.now().plusSeconds(60);
        HttpResponse<String> proposed;
        do {
            proposed = send(post("/api/cases/" + caseId + "/remedies", agent, """
                    {"type":"REFUND","amountMinorUnits":2500,"currency":"EUR"}"""));
        } while (proposed.statusCode() == 404 && Instant.now().isBefore(deadline) && pause());
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        var acknowledged = json(send(post("/api/cases/" + caseId + "/acknowledgement", agent, "")), 200);
        var statusLink = acknowledged.path("statusLink").asString();
        var token = statusLink.substring(statusLink.lastIndexOf('/') + 1);

        try (var browser = Browser.open(false)) {
            browser.go(portal + "/portal/approvals");
            browser.signIn("supervisor1", "amends");
            browser.awaitText(By.id("pending"), reference);
            browser.assertAccessible("approvals");
            browser.screenshot("supervisor-approvals");
            browser.driver()
                    .findElement(By.cssSelector("button[aria-label='Approve: " + reference + " Refund']"))
                    .click();
            browser.awaitText(By.id("done"), "Approved: " + reference);

            browser.go(portal + "/portal/risk");
            browser.awaitText(By.id("updated"), "Updated");
            browser.assertAccessible("risk");
            browser.screenshot("supervisor-risk");
        }

        try (var phone = Browser.open(true)) {
            phone.go(portal + "/status/" + token);
            phone.awaitText(By.id("reference"), "Caso " + reference);
            phone.awaitText(By.cssSelector("h1"), "Su caso");
            // remedy-service may also have offered what its policy suggests: the customer accepts the refund.
            var accept = phone.await(By.cssSelector("#offers button[aria-label^='Aceptar: Reembolso']"));
            assertThat(accept.getText()).isEqualTo("Aceptar");
            assertThat(phone.driver().findElement(By.id("offers")).getText())
                    .contains("Reembolso")
                    .contains("25,00");
            phone.assertAccessible("status");
            accept.click();
            phone.awaitText(By.id("answer"), "Lo ha aceptado");
            phone.screenshot("customer-status-accepted");
        }
        var page = json(
                send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/public/status/" + token))
                        .GET()),
                200);
        var states = new java.util.ArrayList<String>();
        for (var remedy : page.path("remedies")) {
            if (remedy.path("type").asString().equals("REFUND")) {
                states.add(remedy.path("state").asString());
            }
        }
        // Accepted, or already further on its way (fulfilment starts as soon as remedy-service hears of it).
        assertThat(states).singleElement().isIn("ACCEPTED", "FULFILLING", "FULFILLED", "FAILED");
    }

    @Test
    void anAnalystSeesTheProblemOnTheParetoChartAndPlansACorrectiveAction() {
        var agent = platform.keycloak().passwordToken("agent1", "amends");
        var product = "router-" + UUID.randomUUID().toString().substring(0, 8);
        for (var n = 0; n < 3; n++) {
            json(send(post("/api/cases", agent, """
                    {"channel":"EMAIL",
                     "customer":{"name":"Customer %2$d","email":"router-%1$s-%2$d@example.com","locale":"en"},
                     "product":"%1$s","errorKind":"MEASUREMENT","summary":"The router reports the wrong speed",
                     "description":"The line test measured a tenth of the speed paid for.","impact":"MEDIUM"}""".formatted(product, n))), 201);
        }
        // insight-service learns of the cases from their events: the problem is there once all three arrived.
        var analyst = platform.keycloak().passwordToken("analyst1", "amends");
        var problemId = Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            var page = json(
                                    send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
                                                    + "/api/insights/problems?product=" + product))
                                            .header("Authorization", "Bearer " + analyst)
                                            .GET()),
                                    200);
                            var first = page.path("items").path(0);
                            return first.path("cases").asInt() == 3
                                    ? first.path("problemId").asString()
                                    : null;
                        },
                        id -> id != null);

        try (var browser = Browser.open(false)) {
            browser.go(portal + "/portal/problems?product=" + product);
            browser.signIn("analyst1", "amends");
            browser.awaitText(By.id("user"), "analyst1");
            var bar = browser.await(By.cssSelector("#pareto svg g.bar[data-problem='" + problemId + "']"));
            assertThat(bar.findElement(By.tagName("text")).getText()).contains(product);
            assertThat(browser.driver()
                            .findElement(By.cssSelector("#pareto svg"))
                            .getAttribute("aria-label"))
                    .startsWith("Pareto chart");
            browser.awaitText(By.id("problems"), product + " · Measurement");
            browser.awaitText(By.id("problems"), "100%");
            browser.await(By.cssSelector("#trend svg g.series"));
            browser.assertAccessible("problems");
            browser.screenshot("analyst-pareto");

            browser.driver()
                    .findElement(By.linkText(product + " · Measurement"))
                    .click();
            browser.awaitText(By.id("heading"), product);
            browser.awaitText(By.id("cases"), "Open");
            browser.await(By.id("action-description")).sendKeys("Recalibrate the line test for " + product);
            browser.driver().findElement(By.id("action-owner")).sendKeys("network team");
            browser.driver()
                    .findElement(By.cssSelector("#new-action button[type=submit]"))
                    .click();
            browser.awaitText(By.id("actions"), "Recalibrate the line test for " + product);
            browser.awaitText(By.id("actions"), "Planned");
            browser.assertAccessible("problem");
            browser.screenshot("analyst-problem");

            browser.go(portal + "/portal/figures");
            browser.await(By.cssSelector("#ack-chart svg"));
            browser.awaitText(By.id("headline"), "Cases opened");
            browser.assertAccessible("figures");
            browser.screenshot("analyst-figures");

            browser.go(portal + "/portal/alerts");
            browser.await(By.cssSelector("#alerts tr, #empty:not([hidden])"));
            browser.assertAccessible("alerts");
            browser.screenshot("analyst-alerts");
        }
        var view = json(
                send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/insights/problems/" + problemId))
                        .header("Authorization", "Bearer " + analyst)
                        .GET()),
                200);
        assertThat(view.path("correctiveActions").get(0).path("owner").asString())
                .isEqualTo("network team");
    }

    @Test
    void aSupervisorReadsAnIncidentAndItsStatementInSpanish() {
        var supervisor = platform.keycloak().passwordToken("supervisor1", "amends");
        var product = "tariff-" + UUID.randomUUID().toString().substring(0, 8);
        var declared = json(send(post("/api/incidents", supervisor, """
                {"title":"Wrong tariff on %1$s","product":"%1$s","errorKind":"CALCULATION",
                 "statement":{"en":"We applied the wrong tariff to %1$s.","es":"Aplicamos una tarifa equivocada a %1$s."}}""".formatted(product))), 201);
        var reference = declared.path("reference").asString();

        try (var browser = Browser.open(false)) {
            browser.go(portal + "/portal/incidents");
            browser.signIn("supervisor1", "amends");
            browser.awaitText(By.id("incidents"), reference);
            browser.assertAccessible("incidents");
            browser.driver().findElement(By.linkText(reference)).click();
            browser.awaitText(By.id("heading"), "Wrong tariff on " + product);
            browser.awaitText(By.id("statement"), "We applied the wrong tariff to " + product);
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("language")))
                    .selectByValue("es");
            browser.awaitText(By.id("statement"), "Aplicamos una tarifa equivocada a " + product);
            browser.awaitText(By.id("facts"), "Abierta");
            browser.assertAccessible("incident");
            browser.screenshot("supervisor-incident");

            browser.driver().findElement(By.id("incident-root-cause")).sendKeys("TARIFF-TABLE");
            browser.driver()
                    .findElement(By.id("incident-summary"))
                    .sendKeys("The tariff table was loaded a day early.");
            browser.driver().findElement(By.id("incident-resolve-send")).click();
            browser.awaitText(By.id("facts"), "Causa raíz");
            browser.awaitText(By.id("facts"), "TARIFF-TABLE: The tariff table was loaded a day early.");
            assertThat(browser.driver().findElement(By.id("manage-section")).isDisplayed())
                    .as("a resolved incident changes no more")
                    .isFalse();
        }
    }

    @Test
    void aSupervisorDeclaresAnIncidentUploadsItsAffectedCustomersAndSetsItsRemedyAndAnAdminApprovesItOnce()
            throws IOException {
        var product = "billing-" + UUID.randomUUID().toString().substring(0, 8);
        var list = java.nio.file.Files.createTempFile("affected-", ".ndjson");
        java.nio.file.Files.writeString(list, """
                {"customerRef":"A-1","name":"Ann Lee","email":"ann@example.com","locale":"en","amountMinor":1299,"currency":"EUR"}
                {"customerRef":"A-2","name":"Luis Gil","email":"luis@example.com","locale":"es","amountMinor":1299,"currency":"EUR"}
                {not json
                {"customerRef":"A-3","name":"Bo Chan","phone":"+44 20 7946 0000","locale":"en","amountMinor":1299,"currency":"EUR"}
                """);

        String page;
        try (var browser = Browser.open(false)) {
            browser.go(portal + "/portal/incidents");
            browser.signIn("supervisor1", "amends");
            browser.await(By.id("declare-title")).sendKeys("Double charge on " + product);
            browser.driver().findElement(By.id("declare-product")).sendKeys(product);
            browser.driver().findElement(By.id("declare-en")).sendKeys("We charged you twice for " + product + ".");
            browser.driver().findElement(By.id("declare-es")).sendKeys("Le cobramos dos veces " + product + ".");
            browser.driver().findElement(By.id("declare-send")).click();
            browser.awaitText(By.id("heading"), "Double charge on " + product);
            page = browser.driver().getCurrentUrl();

            browser.await(By.id("update-en")).sendKeys("The refunds are on their way.");
            browser.driver().findElement(By.id("update-es")).sendKeys("Los reembolsos están en camino.");
            browser.driver().findElement(By.id("update-send")).click();
            browser.awaitText(By.id("updates"), "The refunds are on their way.");
            browser.driver().findElement(By.id("mitigate")).click();
            browser.awaitText(By.id("facts"), "Mitigated");

            browser.await(By.id("import-file")).sendKeys(list.toString());
            browser.driver().findElement(By.id("import-send")).click();
            // The import is followed on the page until it ends: a full progress bar, its counts, the refused line.
            browser.awaitText(By.id("jobs"), "Completed");
            // Read in one script: the page redraws the table when it reads the ended import again.
            assertThat(
                            browser.driver()
                                    .executeScript(
                                            "const bar = document.querySelector('#jobs progress'); return bar.value === bar.max"))
                    .isEqualTo(true);
            assertThat(browser.driver().findElement(By.id("jobs")).getText()).contains("4 of 4 lines");
            browser.awaitText(By.id("rejected"), "Line 3:");
            browser.awaitText(By.id("linked"), "3 cases in all");
            assertThat(browser.driver().findElement(By.id("approve")).isDisplayed())
                    .as("only an admin approves")
                    .isFalse();

            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("rule-basis")))
                    .selectByValue("FIXED");
            browser.await(By.id("rule-amount")).sendKeys("5");
            browser.driver().findElement(By.id("rule-save")).click();
            browser.awaitText(By.id("rule"), "Refund of €5.00 for each case");
            // remedy-service learns of the three cases from their events: the cost is read again until it has them.
            browser.awaitTextAfterReload(By.id("totals"), "€15.00", Duration.ofSeconds(60));
            browser.awaitText(By.id("budgets"), "Calculation");
            browser.assertAccessible("incident-bulk");
            browser.driver().executeScript("document.getElementById('import-section').scrollIntoView()");
            browser.screenshot("supervisor-incident-import");
            browser.driver().executeScript("document.getElementById('remedy-section').scrollIntoView()");
            browser.screenshot("supervisor-incident-bulk");
        }

        try (var browser = Browser.open(false)) {
            // The admin's approvals inbox lists the rule; its incident's page shows the cost and takes the approval.
            browser.go(portal + "/portal/approvals");
            browser.signIn("admin1", "amends");
            browser.awaitText(By.id("rules"), "Double charge on " + product);
            browser.assertAccessible("approvals-rules");
            browser.driver()
                    .findElement(By.partialLinkText("Double charge on " + product))
                    .click();
            browser.awaitText(By.id("heading"), "Double charge on " + product);
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(page);
            browser.await(By.id("approve-send")).click();
            browser.awaitText(By.id("rule"), "admin1");
            assertThat(browser.driver().findElement(By.id("approve")).isDisplayed())
                    .isFalse();
            // Each case's remedy is then offered to its customer; the incident counts them by state.
            browser.awaitTextAfterReload(By.id("linked"), "Remedies Offered: 3", Duration.ofSeconds(60));
            browser.assertAccessible("incident-approved");
            browser.driver().executeScript("document.getElementById('remedy-section').scrollIntoView()");
            browser.screenshot("admin-incident-approved");
        }
    }

    private static HttpRequest.Builder post(String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static boolean pause() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
