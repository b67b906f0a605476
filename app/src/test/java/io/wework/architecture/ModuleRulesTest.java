package io.wework.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module rules of ARCHITECTURE.md. Modules are told apart by package role:
 * {@code ..api..} = shared-api, {@code ..command..} = command-side, {@code ..projection..} =
 * projections, {@code ..query..} = query-side, {@code io.wework.platform..} = platform.
 */
@AnalyzeClasses(packages = "io.wework", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule sharedApiImportsNoSpring = noClasses()
            .that().resideInAPackage("io.wework..api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "com.fasterxml.jackson..", "io.wework.platform..", "io.wework..command..",
                    "io.wework..projection..", "io.wework..query..")
            .because("shared-api is the contract: Axon's modelling annotations and jakarta.validation only");

    @ArchTest
    static final ArchRule commandSideStaysOffTheReadSide = noClasses()
            .that().resideInAPackage("io.wework..command..")
            .should().dependOnClassesThat().resideInAnyPackage("io.wework..projection..", "io.wework..query..")
            .because("the two sides meet only through shared-api messages and the event store");

    @ArchTest
    static final ArchRule readSideStaysOffTheCommandSide = noClasses()
            .that().resideInAnyPackage("io.wework..projection..", "io.wework..query..")
            .should().dependOnClassesThat().resideInAPackage("io.wework..command..")
            .because("the two sides meet only through shared-api messages and the event store");

    @ArchTest
    static final ArchRule projectionsDoNotServeQueries = noClasses()
            .that().resideInAPackage("io.wework..projection..")
            .should().dependOnClassesThat().resideInAPackage("io.wework..query..")
            .because("projections write read models; query-side reads them");

    /**
     * Of WeWork's own code, platform sees only the shared kernel {@code io.wework.common.api}: the
     * error type every side throws ({@code DomainException}, mapped to problem+json here, carried across
     * the buses as exception details) and the metadata keys every message carries. Both are contract,
     * so they stay in shared-api; no feature package ({@code io.wework.identity.api} included) is visible.
     */
    @ArchTest
    static final ArchRule platformKnowsNoFeature = noClasses()
            .that().resideInAPackage("io.wework.platform..")
            .should().dependOnClassesThat(resideInAPackage("io.wework..")
                    .and(not(resideInAnyPackage("io.wework.platform..", "io.wework.common.api.."))))
            .because("platform is infrastructure every feature uses, not the other way round");

    @ArchTest
    static final ArchRule noLazyInjection = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.context.annotation.Lazy")
            .because("a dependency cycle is broken by design, not hidden behind a lazy proxy");

    /**
     * Settings are typed records ({@code @ConfigurationProperties}, one per feature, each default
     * written once, validated, listed in the configuration metadata and so checked against the README
     * by {@code SettingsDocumentedTest}); a {@code @Value} would escape all of that.
     */
    @ArchTest
    static final ArchRule noValueInjection = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value")
            .because("a setting belongs in its feature's settings record, with its default written once");
}
