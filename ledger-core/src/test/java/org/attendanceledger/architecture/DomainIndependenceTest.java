package org.attendanceledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain model stays free of frameworks it does not need: no Spring, no web, no JDBC, no JSON mapping. */
@AnalyzeClasses(packages = "org.attendanceledger", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIndependenceTest {

    @ArchTest
    static final ArchRule the_domain_does_not_depend_on_spring = noClasses()
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule the_domain_does_not_depend_on_the_web_or_the_database = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "java.sql..", "javax.sql..",
                    "com.fasterxml.jackson..");
}
