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
                .and().haveSimpleNameNotEndingWith("Search")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(CLASSES);
    }

    /** Every module has its row in docs/architecture.md, and the row's "depends on" is what the code depends on. */
    @Test
    void theModuleTableOfTheArchitectureDocMatchesTheCode() throws java.io.IOException {
        java.util.Map<String, java.util.Set<String>> documented = new java.util.TreeMap<>();
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("^\\| `([a-z]+)` \\|.*\\| ([^|]*) \\|$");
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "docs", "architecture.md"))) {
            java.util.regex.Matcher m = row.matcher(line);
            if (m.matches()) {
                java.util.Set<String> deps = new java.util.TreeSet<>();
                java.util.regex.Matcher dep = java.util.regex.Pattern.compile("`([a-z]+)`").matcher(m.group(2));
                while (dep.find()) {
                    deps.add(dep.group(1));
                }
                documented.put(m.group(1), deps);
            }
        }
        java.util.Map<String, java.util.Set<String>> actual = new java.util.TreeMap<>();
        MODULES.forEach(module -> actual.put(module.getName(), module.getDirectDependencies(MODULES).uniqueModules()
                .map(org.springframework.modulith.core.ApplicationModule::getName)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new))));
        org.assertj.core.api.Assertions.assertThat(documented).isEqualTo(actual);
    }

    /** The module diagram in docs/modules/ (PlantUML), written from the code on every build. */
    @Test
    void writesTheModuleDiagram() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
                .writeModulesAsPlantUml();
        org.assertj.core.api.Assertions.assertThat(java.nio.file.Path.of("..", "docs", "modules", "components.puml")).exists();
    }
}
