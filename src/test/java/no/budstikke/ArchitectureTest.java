package no.budstikke;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The rule for what may import what: packages form no cycle, and storage sits below the domain. */
class ArchitectureTest {

    private static final String STORE = "no.budstikke.store";

    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("no.budstikke");

    /**
     * Imports that still close a cycle, each to be removed by moving the code to where it belongs:
     * the settings checks in {@code config} use the loaders of the areas they check, and the Camel
     * glue uses the HTTP answers, and Maskinporten's tokens are one of the ways {@code auth} knows a
     * caller. A new cycle anywhere else fails.
     */
    private static final List<String[]> KNOWN_BACK_EDGES = List.of(
            new String[] {"no.budstikke.config", "no.budstikke.auth.."},
            new String[] {"no.budstikke.config", "no.budstikke.tls.."},
            new String[] {"no.budstikke.config", "no.budstikke.intake.."},
            new String[] {"no.budstikke.config", "no.budstikke.dispatch.config.."},
            new String[] {"no.budstikke.camel..", "no.budstikke.http.."},
            new String[] {"no.budstikke.explain..", "no.budstikke"},
            new String[] {"no.budstikke.reload..", "no.budstikke"},
            new String[] {"no.budstikke.auth.maskinporten", "no.budstikke.auth"});

    @Test
    void theAreasOfTheHubImportEachOtherOneWayOnly() {
        // The dispatch stage runs the alert and case file follow-ups; they see only dispatch's listener type.
        withoutKnownBackEdges(slices().matching("no.budstikke.(*)..").should().beFreeOfCycles())
                .ignoreDependency(resideInAPackage("no.budstikke.dispatch.stage"),
                        resideInAnyPackage("no.budstikke.alert..", "no.budstikke.casefile.."))
                .check(HUB);
    }

    @Test
    void everyPackageImportsTheOthersOneWayOnly() {
        withoutKnownBackEdges(slices().matching("no.budstikke.(**)").should().beFreeOfCycles()).check(HUB);
    }

    @Test
    void storageImportsNoPackageThatImportsStorageBack() {
        Set<String> importersOfStore = new TreeSet<>();
        for (JavaClass type : HUB) {
            if (isStore(type.getPackageName())) {
                continue;
            }
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                if (isStore(dependency.getTargetClass().getPackageName())) {
                    importersOfStore.add(type.getPackageName());
                }
            }
        }
        assertThat(importersOfStore).as("packages that use storage").isNotEmpty();
        noClasses().that().resideInAPackage(STORE + "..")
                .should().dependOnClassesThat(describe("reside in a package that imports " + STORE,
                        target -> importersOfStore.contains(target.getPackageName())))
                .check(HUB);
    }

    private static SliceRule withoutKnownBackEdges(SliceRule rule) {
        for (String[] edge : KNOWN_BACK_EDGES) {
            rule = rule.ignoreDependency(resideInAPackage(edge[0]), resideInAPackage(edge[1]));
        }
        return rule;
    }

    private static boolean isStore(String packageName) {
        return packageName.equals(STORE) || packageName.startsWith(STORE + ".");
    }
}
