package dev.funnel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.funnel.identity.Unscoped;
import dev.funnel.identity.VisibleScope;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
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

    /** Tables whose rows belong to a customer or a deal, and so to the owner who may see them. */
    private static final Set<String> CUSTOMER_OWNED_TABLES = Set.of("Activity", "Contact", "CriterionConfirmation",
            "Customer", "CustomerTag", "Opportunity", "OpportunityLine", "OwnershipEvent", "Payment",
            "RegistrationRequest", "SalesOrder", "ServiceRequest", "StageEntry", "StageEntryMonth", "StageHistory",
            "Task");
    private static final Set<String> READS = Set.of("select", "selectFrom", "selectDistinct", "selectCount",
            "selectOne", "fetch", "fetchOne", "fetchOptional", "fetchValue", "fetchExists", "fetchCount", "fetchMap",
            "fetchGroups", "fetchLazy", "fetchStream", "resultQuery");

    @Test
    void every_read_of_customer_owned_data_takes_the_callers_scope_or_says_why_not() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Repository.class)
                .and().arePublic()
                .should(new ArchCondition<JavaMethod>("take a VisibleScope or be annotated @Unscoped(\"why\")") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean scoped = method.getRawParameterTypes().stream()
                                .anyMatch(type -> type.isEquivalentTo(VisibleScope.class) || type.getAllFields()
                                        .stream().anyMatch(f -> f.getRawType().isEquivalentTo(VisibleScope.class)));
                        if (scoped || method.isAnnotatedWith(Unscoped.class)) {
                            return;
                        }
                        Set<JavaCodeUnit> reach = reachable(method);
                        boolean reads = reach.stream().flatMap(unit -> unit.getMethodCallsFromSelf().stream())
                                .anyMatch(call -> call.getTargetOwner().isAssignableTo(DSLContext.class)
                                        && READS.contains(call.getName()));
                        boolean customerData = reach.stream()
                                .flatMap(unit -> unit.getFieldAccesses().stream())
                                .anyMatch(ArchitectureTest::customerOwned);
                        if (reads && customerData) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " reads customer-owned data without a VisibleScope or @Unscoped"));
                        }
                    }
                })
                .check(app);
    }

    /** A column of a customer-owned table, or the table itself ({@code Tables.CUSTOMER}). */
    private static boolean customerOwned(JavaFieldAccess access) {
        JavaClass owner = access.getTargetOwner();
        if (owner.getPackageName().equals("dev.funnel.jooq.tables")) {
            return CUSTOMER_OWNED_TABLES.contains(owner.getSimpleName());
        }
        return owner.getName().equals("dev.funnel.jooq.Tables") && CUSTOMER_OWNED_TABLES.stream()
                .anyMatch(table -> table.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT)
                        .equals(access.getName()));
    }

    /** The method and the methods and lambdas of its own class it calls, transitively. */
    private static Set<JavaCodeUnit> reachable(JavaMethod method) {
        Set<JavaCodeUnit> seen = new HashSet<>();
        Deque<JavaCodeUnit> next = new ArrayDeque<>(List.of(method));
        while (!next.isEmpty()) {
            JavaCodeUnit unit = next.pop();
            if (!seen.add(unit)) {
                continue;
            }
            unit.getCallsFromSelf().stream()
                    .filter(call -> call.getTargetOwner().equals(method.getOwner()))
                    .forEach(call -> call.getTarget().resolveMember().ifPresent(next::push));
        }
        return seen;
    }
}
