package dev.switchboard.broker.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps data flowing one way through the broker's stages (docs/architecture.md, "Packages of broker/"): ingress → log →
 * dispatch → delivery, with ops and tracing observing and app wiring everything. A violation means a stage reached
 * upstream: pass what it needs in through a small interface owned by the downstream stage, or move the
 * shared piece to {@code log}, {@code config} or {@code telemetry}.
 */
@AnalyzeClasses(packages = "dev.switchboard", importOptions = ImportOption.DoNotIncludeTests.class)
class StageLayeringTest {

    @ArchTest
    static final ArchRule stagesOnlyReachDownstream = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("App")
            .definedBy("dev.switchboard.broker.app..")
            .layer("Ops")
            .definedBy("dev.switchboard.broker.ops..")
            .layer("Ingress")
            .definedBy("dev.switchboard.broker.ingress..")
            .layer("Dispatch")
            .definedBy("dev.switchboard.broker.dispatch..")
            .layer("Delivery")
            .definedBy("dev.switchboard.broker.delivery..")
            .layer("Log")
            .definedBy("dev.switchboard.broker.log..")
            .layer("Config")
            .definedBy("dev.switchboard.broker.config..")
            .layer("Telemetry")
            .definedBy("dev.switchboard.broker.telemetry")
            .layer("Tracing")
            .definedBy("dev.switchboard.broker.telemetry.tracing..")
            .layer("Codec")
            .definedBy("dev.switchboard.broker.codec..")
            .layer("Tls")
            .definedBy("dev.switchboard.broker.tls..")
            .whereLayer("App")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Ops")
            .mayOnlyBeAccessedByLayers("App")
            .whereLayer("Tracing")
            .mayOnlyBeAccessedByLayers("App")
            .whereLayer("Ingress")
            .mayOnlyBeAccessedByLayers("App", "Ops")
            .whereLayer("Dispatch")
            .mayOnlyBeAccessedByLayers("App", "Ops")
            .whereLayer("Delivery")
            .mayOnlyBeAccessedByLayers("App", "Ops", "Dispatch", "Tracing")
            .whereLayer("Log")
            .mayOnlyBeAccessedByLayers("App", "Ops", "Ingress", "Dispatch", "Delivery", "Tracing")
            .whereLayer("Config")
            .mayOnlyBeAccessedByLayers("App", "Ops", "Ingress", "Dispatch", "Delivery", "Log", "Tls", "Tracing")
            .whereLayer("Tls")
            .mayOnlyBeAccessedByLayers("App", "Ops", "Ingress")
            .whereLayer("Codec")
            .mayOnlyBeAccessedByLayers("App", "Ops", "Ingress", "Dispatch", "Delivery")
            .because("events flow ingress → log → dispatch → delivery; a stage never calls back upstream");

    @ArchTest
    static final ArchRule triggersLibraryStaysFreeOfTheEngine =
            com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                    .that()
                    .resideInAPackage("dev.switchboard.triggers..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("dev.switchboard.broker..", "org.apache.kafka..", "io.vertx..")
                    .because("triggers/ is the routing language: no Kafka, no network, reusable by every tool");
}
