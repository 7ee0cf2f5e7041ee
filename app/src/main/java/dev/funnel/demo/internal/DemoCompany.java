package dev.funnel.demo.internal;

import dev.funnel.followup.FollowUpDraft;
import dev.funnel.followup.FollowUpService;
import dev.funnel.analytics.TargetDraft;
import dev.funnel.analytics.TargetImport;
import dev.funnel.analytics.TargetService;
import dev.funnel.catalog.ProductService;
import dev.funnel.customer.Contact;
import dev.funnel.customer.ContactImport;
import dev.funnel.customer.CustomerDraft;
import dev.funnel.customer.CustomerFilter;
import dev.funnel.customer.CustomerImport;
import dev.funnel.customer.CustomerPoolService;
import dev.funnel.customer.CustomerImportService;
import dev.funnel.customer.CustomerService;
import dev.funnel.demo.internal.DemoPlan.Company;
import dev.funnel.demo.internal.DemoPlan.Deal;
import dev.funnel.demo.internal.DemoPlan.FollowUp;
import dev.funnel.demo.internal.DemoPlan.OrderPlan;
import dev.funnel.demo.internal.DemoPlan.PaymentPlan;
import dev.funnel.demo.internal.DemoPlan.RequestPlan;
import dev.funnel.demo.internal.DemoPlan.Step;
import dev.funnel.demo.internal.DemoPlan.TargetPlan;
import dev.funnel.identity.Team;
import dev.funnel.identity.TeamService;
import dev.funnel.identity.UserImport;
import dev.funnel.identity.UserImportService;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityDraft;
import dev.funnel.pipeline.OpportunityEditService;
import dev.funnel.pipeline.OpportunityImport;
import dev.funnel.pipeline.OpportunityFilter;
import dev.funnel.pipeline.OpportunityImportService;
import dev.funnel.pipeline.OpportunityService;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.RegistrationDraft;
import dev.funnel.pipeline.RegistrationService;
import dev.funnel.pipeline.Stage;
import dev.funnel.pipeline.Task;
import dev.funnel.pipeline.TaskService;
import dev.funnel.platform.RowProblem;
import dev.funnel.pipeline.StageTemplateSource;
import dev.funnel.order.Order;
import dev.funnel.order.OrderDraft;
import dev.funnel.order.OrderService;
import dev.funnel.order.PaymentDraft;
import dev.funnel.support.RequestStatus;
import dev.funnel.support.ServiceRequest;
import dev.funnel.support.ServiceRequestDraft;
import dev.funnel.support.ServiceRequestService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Stores a {@link DemoPlan} through the modules' own services, in the order a real migration would: people,
 * products and the pipeline, then customers, contacts and deals through their imports, then what people do —
 * follow-ups, tasks done, orders and payments, service requests, a registration request — each as the person who
 * does it, and the targets the administrator sets. The services check every record as they would anybody's; a
 * record they refuse is a mistake in the plan and stops the seeding.
 */
@Component
class DemoCompany {

    private final DemoSession session;
    private final UserImportService userImports;
    private final UserService users;
    private final TeamService teams;
    private final ProductService products;
    private final PipelineService pipelines;
    private final StageTemplateSource templates;
    private final CustomerService customers;
    private final CustomerImportService customerImports;
    private final OpportunityImportService opportunityImports;
    private final TaskService tasks;
    private final FollowUpService activities;
    private final OrderService orders;
    private final ServiceRequestService serviceRequests;
    private final TargetService targets;
    private final RegistrationService registrations;
    private final OpportunityService opportunities;
    private final OpportunityEditService editing;
    private final CustomerPoolService pool;

    DemoCompany(DemoSession session, UserImportService userImports, UserService users, TeamService teams,
                ProductService products, PipelineService pipelines, StageTemplateSource templates,
                CustomerService customers, CustomerImportService customerImports,
                OpportunityImportService opportunityImports, TaskService tasks,
                FollowUpService activities, OrderService orders, ServiceRequestService serviceRequests,
                TargetService targets, RegistrationService registrations, OpportunityService opportunities,
                OpportunityEditService editing, CustomerPoolService pool) {
        this.opportunities = opportunities;
        this.editing = editing;
        this.pool = pool;
        this.session = session;
        this.userImports = userImports;
        this.users = users;
        this.teams = teams;
        this.products = products;
        this.pipelines = pipelines;
        this.templates = templates;
        this.customers = customers;
        this.customerImports = customerImports;
        this.opportunityImports = opportunityImports;
        this.tasks = tasks;
        this.activities = activities;
        this.orders = orders;
        this.serviceRequests = serviceRequests;
        this.targets = targets;
        this.registrations = registrations;
    }

    /**
     * Whether the database holds anything but the administrator: a real installation, which invented deals must
     * never touch. Asked as the administrator, who sees everything.
     */
    boolean holdsOtherData() {
        return users.list().size() > 1 || !teams.list().isEmpty() || !products.listActive().isEmpty()
                || !pipelines.list().isEmpty() || customers.count(new CustomerFilter(null, null)) > 0
                || opportunities.count(OpportunityFilter.none()) > 0;
    }

    /** The customer pool's protection period, which the plan spreads the customers' clocks around. */
    int protectionDays() {
        return pool.settings().protectionDays();
    }

    /** What was stored, for the log. */
    record Stored(int users, int teams, int customers, int inPool, int contacts, int deals, long won, long lost,
                  int stageChanges, int followUps, int tasks, int tasksDone, int orders, int payments,
                  int serviceRequests, int targets) {
    }

    /** Stores the plan; the caller holds the transaction that makes it all or nothing. */
    Stored store(DemoPlan plan, String admin) {
        Pipeline pipeline = session.as(admin, () -> {
            userImports.importAll(accepted("people", plan.staff(), userImports::check));
            products.importAll(accepted("products", plan.products(), products::checkImport));
            return pipeline();
        });
        List<Long> stageIds = pipeline.stages().stream().sorted(Comparator.comparingInt(Stage::position))
                .map(Stage::id).toList();
        Map<String, Long> userIds = session.as(admin, () -> first(users.idsByName(
                plan.staff().stream().map(UserImport::username).toList())));
        List<Long> customerIds = session.as(admin, () -> storeCustomers(plan.companies(), userIds));
        List<List<Long>> contactIds = session.as(admin, () -> storeContacts(plan.companies(), customerIds));
        List<Long> dealIds = session.as(admin, () -> storeDeals(plan, pipeline.id(), stageIds, userIds,
                customerIds, contactIds));
        reviseSomeForecasts(plan, dealIds);
        int[] taskCounts = completeSomeTasks(plan.staff());
        logFollowUps(plan.followUps(), customerIds, contactIds, dealIds);
        int payments = enterOrders(plan, customerIds, dealIds);
        enterServiceRequests(plan, customerIds, contactIds);
        session.as(admin, () -> setTargets(plan.targets(), userIds));
        DemoPlan.RegistrationPlan registration = plan.registration();
        // the requester names the company, as a rep who found it in the registration search does
        session.as(registration.requester(), () -> registrations.request(new RegistrationDraft(
                customerIds.get(registration.customer()), null, registration.opportunityName(),
                registration.reason(), plan.companies().get(registration.customer()).name())));
        List<Deal> deals = plan.deals();
        return new Stored(plan.staff().size(), session.as(admin, () -> teams.list().size()), customerIds.size(),
                (int) plan.companies().stream().filter(Company::inPool).count(),
                contactIds.stream().mapToInt(List::size).sum(), deals.size(),
                deals.stream().filter(d -> d.status() == OpportunityStatus.WON).count(),
                deals.stream().filter(d -> d.status() == OpportunityStatus.LOST).count(),
                deals.stream().mapToInt(d -> d.steps().size()).sum(), plan.followUps().size(), taskCounts[0],
                taskCounts[1], plan.orders().size(), payments, plan.requests().size(), plan.targets().size());
    }

    /** The high-tech/SaaS template's pipeline, with its process; without the plugin, its stages alone. */
    private Pipeline pipeline() {
        if (templates.find(DemoPlanner.PIPELINE_TEMPLATE).isPresent()) {
            return pipelines.createFromTemplate(DemoPlanner.PIPELINE_TEMPLATE, DemoPlanner.PIPELINE_NAME, true);
        }
        return pipelines.create(new NewPipeline(DemoPlanner.PIPELINE_NAME, null, true, DemoPlanner.STAGES.stream()
                .map(s -> new NewStage(s.nameEn(), s.nameZh(), s.probability())).toList()));
    }

    private List<Long> storeCustomers(List<Company> companies, Map<String, Long> userIds) {
        List<CustomerImport> rows = new ArrayList<>(companies.size());
        for (Company c : companies) {
            CustomerDraft draft = new CustomerDraft(c.name(), c.creditCode(), null, null, null, null, c.industry(),
                    null, null, c.city(), c.address(), null, c.phone(), null, c.status(), null, null, List.of(),
                    c.inPool() ? null : userIds.get(c.owner()), null);
            rows.add(new CustomerImport(rows.size() + 2, draft, null, c.createdOn(), c.ownedSince(), c.inPool()));
        }
        customerImports.importAll(accepted("customers", rows, customerImports::checkImport));
        Map<String, Long> ids = first(customers.idsByName(companies.stream().map(Company::name).toList()));
        return companies.stream().map(c -> ids.get(c.name())).toList();
    }

    /** The contacts' ids per customer, in the plan's order: people are told apart by their e-mail address. */
    private List<List<Long>> storeContacts(List<Company> companies, List<Long> customerIds) {
        List<ContactImport> rows = new ArrayList<>();
        for (int i = 0; i < companies.size(); i++) {
            long customerId = customerIds.get(i);
            companies.get(i).contacts().forEach(draft -> rows.add(new ContactImport(customerId, draft)));
        }
        customerImports.importContacts(accepted("contacts", rows, customerImports::checkContactImport));
        List<List<Long>> ids = new ArrayList<>(companies.size());
        for (int i = 0; i < companies.size(); i++) {
            Map<String, Long> byEmail = customers.contacts(customerIds.get(i)).stream()
                    .collect(Collectors.toMap(Contact::email, Contact::id));
            ids.add(companies.get(i).contacts().stream().map(c -> byEmail.get(c.email())).toList());
        }
        return ids;
    }

    /** The deals with the stage history their dates give; the import plans the open ones' tasks. */
    private List<Long> storeDeals(DemoPlan plan, long pipelineId, List<Long> stageIds, Map<String, Long> userIds,
                                  List<Long> customerIds, List<List<Long>> contactIds) {
        List<OpportunityImport> rows = new ArrayList<>(plan.deals().size());
        for (Deal deal : plan.deals()) {
            Step entry = deal.lastEntry();
            rows.add(new OpportunityImport(rows.size() + 2, deal.externalRef(), deal.name(),
                    customerIds.get(deal.customer()), userIds.get(deal.owner()), pipelineId, stageIds.get(entry.stage()),
                    deal.status(), deal.amount(), DemoPlanner.CURRENCY, deal.createdOn(), entry.on(), deal.closedOn(),
                    deal.expectedClose(), deal.leadSource(), null, deal.lostReason(),
                    contactIds.get(deal.customer()).get(deal.contact()),
                    deal.earlierEntries().stream()
                            .map(step -> new OpportunityImport.StageEntry(stageIds.get(step.stage()), step.on()))
                            .toList()));
        }
        // the plan's values are the deals' values throughout their lives: their past may be learned from
        opportunityImports.importAll(accepted("opportunities", rows, opportunityImports::check), true);
        Map<String, Long> ids = opportunityImports.idsByExternalRef(
                plan.deals().stream().map(Deal::externalRef).toList());
        return plan.deals().stream().map(d -> ids.get(d.externalRef())).toList();
    }

    /**
     * The reps revise their forecasts, as they do before a pipeline review: every fifth open deal's expected close
     * slips a month and every seventh's amount is cut by a fifth, each by the deal's owner through the deal's edit,
     * so that the deals' history, the pipeline review's waterfall and its flags (close date pushed, amount cut) have
     * something to show from the first day. Chosen by the plan's order, so that the demo is the same everywhere.
     */
    private void reviseSomeForecasts(DemoPlan plan, List<Long> dealIds) {
        for (int i = 0; i < plan.deals().size(); i++) {
            Deal deal = plan.deals().get(i);
            boolean push = i % 5 == 0;
            boolean cut = i % 7 == 3;
            if (deal.status() != OpportunityStatus.OPEN || !(push || cut)) {
                continue;
            }
            long id = dealIds.get(i);
            session.as(deal.owner(), () -> {
                Opportunity current = opportunities.get(id);
                OpportunityDraft revised = OpportunityDraft.of(current);
                if (push && current.expectedCloseDate() != null) {
                    revised = revised.withExpectedCloseDate(current.expectedCloseDate().plusMonths(1));
                }
                if (cut && current.amount() != null) {
                    revised = revised.withAmount(current.amount().multiply(new BigDecimal("0.8"))
                            .setScale(0, RoundingMode.HALF_UP));
                }
                editing.update(id, current.version(), revised);
            });
        }
    }

    /**
     * Every third task of the open deals is done already, by its assignee (a fixed rule, so that the demo is the
     * same everywhere); the others are open, and those of deals long in their stage overdue.
     *
     * @return how many tasks there were, and how many are done
     */
    private int[] completeSomeTasks(List<UserImport> staff) {
        int[] counts = new int[2];
        for (UserImport person : staff) {
            session.as(person.username(), () -> {
                for (Task task : tasks.mine(Task.Status.OPEN)) {
                    counts[0]++;
                    if (task.keyActivityId() != null && (task.opportunityId() + task.keyActivityId()) % 3 == 0) {
                        tasks.complete(task.id(), task.version(), null);
                        counts[1]++;
                    }
                }
            });
        }
        return counts;
    }

    /** Each rep logs their own follow-ups, with the time they happened, as one batch. */
    private void logFollowUps(List<FollowUp> followUps, List<Long> customerIds, List<List<Long>> contactIds,
                              List<Long> dealIds) {
        byPerson(followUps, FollowUp::owner).forEach((owner, theirs) -> session.as(owner, () -> activities.logAll(
                theirs.stream().map(f -> new FollowUpDraft(f.type(), f.at(), f.content(), customerIds.get(f.customer()),
                        f.contact() == null ? null : contactIds.get(f.customer()).get(f.contact()),
                        f.deal() == null ? null : dealIds.get(f.deal()))).toList())));
    }

    /** The owner of each won deal enters its order and the payments received; answers how many payments. */
    private int enterOrders(DemoPlan plan, List<Long> customerIds, List<Long> dealIds) {
        int[] payments = {0};
        byPerson(plan.orders(), o -> plan.deals().get(o.deal()).owner()).forEach((owner, theirs) ->
                session.as(owner, () -> {
                    for (OrderPlan o : theirs) {
                        Deal deal = plan.deals().get(o.deal());
                        Order order = orders.create(new OrderDraft(o.number(), customerIds.get(deal.customer()),
                                dealIds.get(o.deal()), o.orderDate(), o.amount(), DemoPlanner.CURRENCY, o.notes()));
                        for (PaymentPlan p : o.payments()) {
                            order = orders.addPayment(order.id(), order.version(),
                                    new PaymentDraft(p.receivedOn(), p.amount(), p.notes()));
                            payments[0]++;
                        }
                    }
                }));
        return payments[0];
    }

    /** The customer's owner enters each request and, when it is done, resolves or closes it. */
    private void enterServiceRequests(DemoPlan plan, List<Long> customerIds, List<List<Long>> contactIds) {
        byPerson(plan.requests(), r -> plan.companies().get(r.customer()).owner()).forEach((owner, theirs) ->
                session.as(owner, () -> {
                    for (RequestPlan r : theirs) {
                        long customerId = customerIds.get(r.customer());
                        Long contactId = contactIds.get(r.customer()).get(r.contact());
                        RequestStatus first = r.status().isOpen() ? r.status() : RequestStatus.OPEN;
                        ServiceRequest request = serviceRequests.create(new ServiceRequestDraft(customerId, contactId,
                                r.subject(), r.description(), r.priority(), first, r.dueOn()));
                        if (first != r.status()) {
                            serviceRequests.update(request.id(), request.version(), new ServiceRequestDraft(customerId,
                                    contactId, r.subject(), r.description(), r.priority(), r.status(), r.dueOn()));
                        }
                    }
                }));
    }

    private void setTargets(List<TargetPlan> plans, Map<String, Long> userIds) {
        Map<String, Long> teamIds = teams.list().stream().collect(Collectors.toMap(Team::name, Team::id));
        List<TargetImport> rows = new ArrayList<>(plans.size());
        for (TargetPlan t : plans) {
            rows.add(new TargetImport(rows.size() + 2, new TargetDraft(t.kind(), t.periodStart(),
                    t.rep() == null ? null : userIds.get(t.rep()), t.team() == null ? null : teamIds.get(t.team()),
                    t.amount(), DemoPlanner.CURRENCY)));
        }
        targets.importAll(accepted("targets", rows, targets::checkImport));
    }

    /** The rows, if the owning module accepts them all; otherwise the plan is wrong and seeding stops. */
    private static <T> List<T> accepted(String what, List<T> rows, Function<List<T>, List<RowProblem>> check) {
        List<RowProblem> problems = check.apply(rows);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The demo " + what + " were refused: " + problems.stream().limit(5)
                    .map(p -> "row " + p.index() + " " + p.problem()).collect(Collectors.joining("; ")));
        }
        return rows;
    }

    private static <T> Map<String, List<T>> byPerson(List<T> items, Function<T, String> person) {
        Map<String, List<T>> byPerson = new LinkedHashMap<>();
        items.forEach(item -> byPerson.computeIfAbsent(person.apply(item), p -> new ArrayList<>()).add(item));
        return byPerson;
    }

    /** Names that each fit exactly one record, as the plan's names do. */
    private static Map<String, Long> first(Map<String, List<Long>> idsByName) {
        Map<String, Long> ids = new HashMap<>();
        idsByName.forEach((name, found) -> {
            if (found.size() != 1) {
                throw new IllegalStateException("The demo's " + name + " is not one record but " + found);
            }
            ids.put(name, found.get(0));
        });
        return ids;
    }
}
