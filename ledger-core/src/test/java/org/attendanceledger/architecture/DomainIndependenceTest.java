package org.attendanceledger.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain model stays free of frameworks it does not need: no Spring, no web, no JDBC, no JSON mapping. The one
 * exception is the log's canonical JSON ({@code audit.CanonicalJson}), which reads JSON text with Jackson's streaming
 * parser (not its object mapping) to write leaves the RFC 8785 way.
 */
@AnalyzeClasses(packages = "org.attendanceledger", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIndependenceTest {

    @ArchTest
    static final ArchRule the_domain_does_not_depend_on_spring = noClasses()
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule the_domain_does_not_depend_on_the_web_or_the_database = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "java.sql..", "javax.sql..",
                    "com.fasterxml.jackson.databind..", "com.fasterxml.jackson.annotation..");

    @ArchTest
    static final ArchRule only_the_log_s_canonical_json_reads_json_text = noClasses()
            // CanonicalJson$1 is the compiler's map of the switch over Jackson's tokens.
            .that().haveNameNotMatching("org\\.attendanceledger\\.audit\\.CanonicalJson(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.core..");
}
