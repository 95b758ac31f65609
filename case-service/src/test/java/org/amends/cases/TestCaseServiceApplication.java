package org.amends.cases;

import org.amends.testkit.Persona;
import org.springframework.boot.SpringApplication;

/**
 * Starts case-service on port 8081 against the same real servers the integration tests use (a fresh database and
 * virtual host, a local JWT issuer), and prints a token per persona for trying the API by hand.
 */
class TestCaseServiceApplication {

    public static void main(String[] args) {
        // System properties outrank application.yml; the tests' one-second LOW clock is left out for hand use.
        TestServers.properties().forEach((name, value) -> {
            if (!name.startsWith("amends.")) {
                System.setProperty(name, value);
            }
        });
        SpringApplication.run(CaseServiceApplication.class, args);
        for (var persona : new Persona[] {
            Persona.partner("acme-partner"), Persona.agent("agent1"), Persona.analyst("ana"), Persona.admin("root")
        }) {
            System.out.println(persona.username() + " token: " + TestServers.JWT.token(persona));
        }
    }
}
