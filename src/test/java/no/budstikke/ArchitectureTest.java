package no.budstikke;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import no.budstikke.casefile.OtherCentreHolds;
import no.budstikke.dispatch.stage.EventHolds;
import org.junit.jupiter.api.Test;

/** The rule for what may import what: packages form no cycle, and storage sits below the domain. */
class ArchitectureTest {

    private static final String ROOT = "no.budstikke";
    private static final String STORE = ROOT + ".store";

    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Each area (the package right below the root, with its subpackages) one slice; the root package one of its own. */
    private static final SliceAssignment AREAS = sliced("areas of the hub", pkg -> pkg.equals(ROOT) ? pkg
            : ROOT + "." + pkg.substring(ROOT.length() + 1).split("\\.")[0]);

    /** Every package one slice, the root package included. */
    private static final SliceAssignment PACKAGES = sliced("packages of the hub", pkg -> pkg);

    @Test
    void theAreasOfTheHubImportEachOtherOneWayOnly() {
        slices().assignedFrom(AREAS).should().beFreeOfCycles().check(HUB);
    }

    @Test
    void everyPackageImportsTheOthersOneWayOnly() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(HUB);
    }

    @Test
    void theRootPackageIsASliceOfItsOwnInBothRules() {
        assertThat(AREAS.getIdentifierOf(HUB.get(Budstikke.class))).isEqualTo(SliceIdentifier.of(ROOT));
        assertThat(AREAS.getIdentifierOf(HUB.get(OtherCentreHolds.class))).isEqualTo(SliceIdentifier.of(ROOT + ".casefile"));
        assertThat(AREAS.getIdentifierOf(HUB.get(EventHolds.class))).isEqualTo(SliceIdentifier.of(ROOT + ".dispatch"));
        assertThat(PACKAGES.getIdentifierOf(HUB.get(EventHolds.class))).isEqualTo(SliceIdentifier.of(ROOT + ".dispatch.stage"));
        assertThat(PACKAGES.getIdentifierOf(HUB.get(Budstikke.class))).isEqualTo(SliceIdentifier.of(ROOT));
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

    @Test
    void onlyStorageSpeaksJdbc() {
        noClasses().that().resideOutsideOfPackage(STORE + "..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("domain code takes part in a transaction through store.Transaction, never a connection")
                .check(HUB);
    }

    @Test
    void theDecisionsKnowNothingOfCamel() {
        noClasses().that().resideInAnyPackage(ROOT + ".model..", ROOT + ".contract..", ROOT + ".store..", ROOT + ".intake..",
                        ROOT + ".dispatch..", ROOT + ".casefile..", ROOT + ".alert..", ROOT + ".deadline..", ROOT + ".schedule..",
                        ROOT + ".retention..", ROOT + ".amot..", ROOT + ".explain..", ROOT + ".reload..", ROOT + ".http..",
                        ROOT + ".auth..", ROOT + ".startup..", ROOT + ".delivery", ROOT + ".delivery.mail..", ROOT + ".delivery.task..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .because("rules, redaction, deadlines and answers are plain Java, tested as plain functions; "
                        + "only camel/, the root wiring and the channel adapters meet Camel")
                .check(HUB);
    }

    @Test
    void nothingImportsTheRootWhereTheHubIsWired() {
        noClasses().that().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(HUB);
    }

    /** Classes of the hub sliced by {@code slice} of their package; classes outside the hub in none. */
    private static SliceAssignment sliced(String description, UnaryOperator<String> slice) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                String pkg = type.getPackageName();
                return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".") ? SliceIdentifier.of(slice.apply(pkg)) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return description;
            }
        };
    }

    private static boolean isStore(String packageName) {
        return packageName.equals(STORE) || packageName.startsWith(STORE + ".");
    }
}
