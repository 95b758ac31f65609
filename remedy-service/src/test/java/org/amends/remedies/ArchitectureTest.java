package org.amends.remedies;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    static final String DOMAIN = "org.amends.remedies.model..";

    final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.amends.remedies");

    @Test
    void theDomainDependsOnNoSpringWebAmqpOrJdbc() {
        noClasses()
                .that()
                .resideInAPackage(DOMAIN)
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
                .resideInAPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.amends.remedies.cases..",
                        "org.amends.remedies.lifecycle..",
                        "org.amends.remedies.approval..",
                        "org.amends.remedies.policy..",
                        "org.amends.remedies.fulfilment..",
                        "org.amends.remedies.security..",
                        "org.amends.remedies.web..")
                .check(classes);
    }
}
