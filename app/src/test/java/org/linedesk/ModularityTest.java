package org.linedesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure of docs/architecture.md, checked. */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(LineDeskApplication.class);
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.linedesk");

    @Test
    void modulesUseOnlyEachOthersApiAndHaveNoCycles() {
        MODULES.verify();
    }

    @Test
    void onlyTheWorkflowAndIdentityEdgesTalkToTheEngine() {
        noClasses().that().resideInAnyPackage("org.linedesk.ticket..", "org.linedesk.core..", "org.linedesk.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda..")
                .check(CLASSES);
    }

    @Test
    void theTicketAggregateKnowsNothingOfSpring() {
        noClasses().that().haveSimpleNameStartingWith("Ticket").and().resideInAPackage("org.linedesk.ticket")
                .and().haveSimpleNameNotEndingWith("Service").and().haveSimpleNameNotEndingWith("Controller")
                .and().haveSimpleNameNotEndingWith("Repository").and().haveSimpleNameNotEndingWith("Queries")
                .and().haveSimpleNameNotEndingWith("Lifecycle").and().haveSimpleNameNotEndingWith("Filter")
                .and().haveSimpleNameNotEndingWith("ApiModels").and().haveSimpleNameNotEndingWith("Numbers")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml();
    }
}
