package dev.larder.slack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** What Maven cannot see: the bot never reaches into the backend's code, only notices read Kafka, no cycles. */
class ArchitectureTest {

    static final JavaClasses BOT = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.larder.slack");

    @Test
    void theBotImportsNothingFromTheBackend() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.larder.backend..").check(BOT);
    }

    @Test
    void onlyNoticesTalkToKafka() {
        noClasses().that().resideOutsideOfPackage("dev.larder.slack.notices..").should().dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.microprofile.reactive.messaging..", "org.apache.kafka..")
                .check(BOT);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.larder.slack.(*)..").should().beFreeOfCycles().check(BOT);
    }
}
