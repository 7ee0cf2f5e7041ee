package dev.funnel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Service;

/**
 * The layer rules of docs/architecture.md, checked on every build. Module boundaries and cycles are checked by
 * {@link ModulesTest}.
 */
class ArchitectureTest {

    static JavaClasses app;

    @BeforeAll
    static void importApp() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.funnel");
    }

    @Test
    void generated_jooq_code_is_used_only_inside_module_internals() {
        noClasses().that().resideOutsideOfPackages("dev.funnel.jooq..", "dev.funnel..internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.funnel.jooq..")
                .check(app);
    }

    @Test
    void vaadin_is_used_only_in_ui_packages_and_the_shell() {
        noClasses().that().resideOutsideOfPackages("..ui..", "dev.funnel.shell..", "dev.funnel.identity.internal..")
                .and().doNotHaveFullyQualifiedName("dev.funnel.FunnelApplication")
                .should().dependOnClassesThat().resideInAPackage("com.vaadin..")
                .check(app);
    }

    @Test
    void the_demo_company_is_stored_through_the_modules_services_never_straight_into_their_tables() {
        noClasses().that().resideInAPackage("dev.funnel.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.funnel.jooq..", "org.jooq..")
                .because("every derived value (normalised names, how far a deal got, tasks) has one writer")
                .check(app);
    }

    @Test
    void views_and_controllers_call_services_never_repositories() {
        noClasses().that().resideInAnyPackage("..ui..", "..web..")
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .check(app);
    }

    @Test
    void every_public_service_method_declares_who_may_call_it() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Service.class)
                .and().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
                .should().beAnnotatedWith(RolesAllowed.class).orShould().beAnnotatedWith(PermitAll.class)
                .orShould().beDeclaredInClassesThat().areAnnotatedWith(RolesAllowed.class)
                .check(app);
    }

    @Test
    void the_plugin_api_knows_nothing_of_spring_jooq_or_vaadin() {
        JavaClasses api = new ClassFileImporter().importPackages("dev.funnel.plugin.api");
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.jooq..", "com.vaadin..", "dev.funnel.jooq..")
                .check(api);
        classes().that().doNotHaveSimpleName("package-info").should().bePublic().check(api);
    }
}
