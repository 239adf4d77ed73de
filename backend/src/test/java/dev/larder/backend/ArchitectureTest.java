package dev.larder.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The boundaries Maven cannot see. */
class ArchitectureTest {

    private static final JavaClasses BACKEND = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.larder.backend");

    private static final DescribedPredicate<JavaClass> ENGINE_IMPLEMENTATIONS =
            new DescribedPredicate<>("reside in an engine implementation package (engine.<kind>)") {
                @Override
                public boolean test(JavaClass type) {
                    return type.getPackageName().startsWith("dev.larder.backend.engine.");
                }
            };

    @Test
    void restNeverTouchesEntitiesOrRepositories() {
        noClasses().that().resideInAPackage("..rest..")
                .should().dependOnClassesThat().resideInAnyPackage("..domain..", "..repository..")
                .check(BACKEND);
    }

    @Test
    void enginesDoNotKnowEachOther() {
        slices().matching("dev.larder.backend.engine.(*)..").should().notDependOnEachOther().check(BACKEND);
    }

    @Test
    void onlyEnginesTalkToDatastoreDrivers() {
        noClasses().that().resideOutsideOfPackage("dev.larder.backend.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mysql..")
                .check(BACKEND);
    }

    @Test
    void theRestOfTheBackendSeesOnlyTheEngineInterface() {
        noClasses().that().resideOutsideOfPackage("dev.larder.backend.engine..")
                .should().dependOnClassesThat(ENGINE_IMPLEMENTATIONS)
                .check(BACKEND);
    }

    @Test
    void onlyMessagingUsesChannels() {
        noClasses().that().resideOutsideOfPackage("..messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.microprofile.reactive.messaging..",
                        "io.smallrye.reactive.messaging..")
                .check(BACKEND);
    }

    @Test
    void aggregatesHaveNoCycles() {
        slices().matching("dev.larder.backend.(*)..").should().beFreeOfCycles().check(BACKEND);
    }
}
