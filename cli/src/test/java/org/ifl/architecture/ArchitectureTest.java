package org.ifl.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module graph's rules hold on the main code of every module, and each fails on a fixture built to break it
 * (so a rule that matches nothing, or checks nothing, cannot pass unnoticed).
 */
class ArchitectureTest {
    static final String ROOT = "org.ifl";
    static final List<String> STAGES = List.of("producers", "inferenceworker", "lidstream", "statsstream");
    static final List<String> MODULES_WITH_FACADES = List.of("producers", "inferenceworker", "lidstream",
            "statsstream", "referencevlm");
    static final List<String> TOOLS = List.of("cli", "benchmarks");

    static final String FIXTURES = "org.ifl.architecture.fixtures";

    private static JavaClasses main;
    private static JavaClasses fixtures;

    @BeforeAll
    static void importClasses() {
        // Main code only: from each module's target/classes, or its jar; never a test-jar or test-classes.
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
    }

    @Test
    void stagesNeverImportEachOther() {
        ModuleRules.stagesNeverImportEachOther(ROOT, STAGES).check(main);
        assertFails(ModuleRules.stagesNeverImportEachOther(FIXTURES, List.of("stagea", "stageb")), fixtures,
                "ImportsStageA");
    }

    @Test
    void toolsUseOnlyFacades() {
        ModuleRules.toolsUseOnlyFacades(ROOT, TOOLS, MODULES_WITH_FACADES).check(main);
        assertFails(ModuleRules.toolsUseOnlyFacades(FIXTURES, List.of("tool"), List.of("stagea")), fixtures,
                "ReachesPastFacade");
    }

    @Test
    void internalsStayInTheirModule() {
        ModuleRules.internalsStayInTheirModule(ROOT, STAGES).check(main);
        assertFails(ModuleRules.internalsStayInTheirModule(FIXTURES, List.of("stagea")), fixtures,
                "ReachesPastFacade");
    }

    @Test
    void embeddedPlatformOnlyInTools() {
        ModuleRules.embeddedPlatformOnlyInTools(ROOT, List.of("cli", "benchmarks", "platform")).check(main);
        assertFails(ModuleRules.embeddedPlatformOnlyInTools(FIXTURES, List.of("tool")), fixtures,
                "StartsEmbeddedPlatform");
    }

    @Test
    void schemasWithoutStreams() {
        ModuleRules.schemasWithoutStreams(ROOT).check(main);
        assertFails(ModuleRules.schemasWithoutStreams(FIXTURES), fixtures, "BuildsATopology");
    }

    @Test
    void theFixturesAreNotPartOfTheMainCode() {
        assertTrue(main.stream().noneMatch(c -> c.getPackageName().startsWith(FIXTURES)));
        assertTrue(main.stream().anyMatch(c -> c.getPackageName().equals("org.ifl.cli")));
        assertTrue(main.stream().anyMatch(c -> c.getPackageName().startsWith("org.ifl.benchmarks")));
    }

    private static void assertFails(ArchRule rule, JavaClasses classes, String offender) {
        AssertionError failure = assertThrows(AssertionError.class, () -> rule.check(classes));
        assertTrue(failure.getMessage().contains(offender), () -> "the failure should name " + offender + ":\n"
                + failure.getMessage());
    }
}
