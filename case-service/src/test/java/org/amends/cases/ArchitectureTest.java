package org.amends.cases;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static final String[] DOMAIN = {
        "org.amends.cases.lifecycle.model..", "org.amends.cases.triage..", "org.amends.cases.acknowledgement.."
    };

    final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.amends.cases");

    @Test
    void theDomainDependsOnNoSpringWebAmqpOrJdbc() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "jakarta.servlet..", "com.rabbitmq..", "java.sql..", "javax.sql..")
                .check(classes);
    }

    @Test
    void theDomainDoesNotReachIntoTheAdapters() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.amends.cases.api..",
                        "org.amends.cases.intake..",
                        "org.amends.messaging..",
                        "org.amends.cases.sla..",
                        "org.amends.cases.security..")
                .check(classes);
    }
}
