package org.ifl.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules the module graph keeps, each written over the packages it speaks of, so that the same rule that
 * passes on the code can be shown failing on the fixtures under {@code org.ifl.architecture.fixtures}.
 */
final class ModuleRules {
    private ModuleRules() {
    }

    /** A stage talks to the others only through topics: no class of one stage uses a class of another. */
    static ArchRule stagesNeverImportEachOther(String root, List<String> stages) {
        List<ArchRule> rules = new ArrayList<>();
        for (String stage : stages) {
            String[] others = stages.stream().filter(s -> !s.equals(stage)).map(s -> root + "." + s + "..")
                    .toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(root + "." + stage + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("stages talk only through topics"));
        }
        return CompositeArchRule.of(rules);
    }

    /**
     * The tools (the command line, the benchmarks) use a module only through its facade: the classes of its top
     * package, never those of its subpackages ({@code topology}, {@code internal}, ...).
     */
    static ArchRule toolsUseOnlyFacades(String root, List<String> tools, List<String> modules) {
        String[] toolPackages = tools.stream().map(t -> root + "." + t + "..").toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(toolPackages)
                .should().dependOnClassesThat(behindFacade(root, modules))
                .because("a module's public surface is its facade, in its top package");
    }

    /** A module's {@code internal} packages are its own: no class of another module uses them, tests aside. */
    static ArchRule internalsStayInTheirModule(String root, List<String> modules) {
        List<ArchRule> rules = new ArrayList<>();
        for (String module : modules) {
            rules.add(noClasses().that().resideInAPackage(root + "..")
                    .and().resideOutsideOfPackage(root + "." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage(root + "." + module + ".internal..")
                    .because("what is under internal may change without notice to other modules"));
        }
        return CompositeArchRule.of(rules);
    }

    /**
     * The embedded broker and registry ({@code Embedded*} in platform) are for the tools and tests; a stage or a
     * library that started one would run a second cluster beside the team's.
     */
    static ArchRule embeddedPlatformOnlyInTools(String root, List<String> allowed) {
        String[] allowedPackages = allowed.stream().map(a -> root + "." + a + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(allowedPackages)
                .should().dependOnClassesThat(embeddedPlatform())
                .because("only the command line, the benchmarks and tests start an embedded platform");
    }

    /** The contracts module serializes records; it knows nothing of Kafka Streams. */
    static ArchRule schemasWithoutStreams(String root) {
        return noClasses().that().resideInAPackage(root + ".schemas..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.streams..")
                .because("the contracts are used by plain clients as much as by Streams stages");
    }

    private static DescribedPredicate<JavaClass> behindFacade(String root, List<String> modules) {
        return DescribedPredicate.describe("are behind the facade of " + String.join(", ", modules),
                c -> modules.stream().anyMatch(m -> c.getPackageName().startsWith(root + "." + m + ".")));
    }

    private static DescribedPredicate<JavaClass> embeddedPlatform() {
        return DescribedPredicate.describe("are the embedded platform (org.ifl.platform..Embedded*)",
                c -> c.getPackageName().startsWith("org.ifl.platform") && c.getSimpleName().startsWith("Embedded"));
    }
}
