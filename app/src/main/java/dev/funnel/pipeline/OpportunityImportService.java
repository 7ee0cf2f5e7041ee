package dev.funnel.pipeline;

import dev.funnel.catalog.Product;
import dev.funnel.catalog.ProductService;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.internal.OpportunityImportRepository;
import dev.funnel.pipeline.internal.OpportunityImportRepository.ImportedDeal;
import dev.funnel.pipeline.internal.PipelineRepository;
import dev.funnel.pipeline.internal.TaskRepository;
import dev.funnel.customer.CustomerService;
import dev.funnel.platform.Checks;
import dev.funnel.platform.RowProblem;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opportunities from a spreadsheet, with the stage history their dates imply. Checking and writing are split so
 * that the caller can report every row's problems before deciding to write all rows, the valid ones, or none.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
public class OpportunityImportService {

    private static final int CHUNK = 5000;

    private final OpportunityImportRepository imports;
    private final PipelineRepository pipelines;
    private final ChoiceService choices;
    private final ProductService products;
    private final UserService users;
    private final CustomerService customers;
    private final TaskRepository tasks;
    private final TaskPlanner planner;
    private final Clock clock;

    OpportunityImportService(OpportunityImportRepository imports, PipelineRepository pipelines, ChoiceService choices,
                             ProductService products, UserService users, CustomerService customers,
                             TaskRepository tasks, TaskPlanner planner, Clock clock) {
        this.imports = imports;
        this.pipelines = pipelines;
        this.choices = choices;
        this.products = products;
        this.users = users;
        this.customers = customers;
        this.tasks = tasks;
        this.planner = planner;
        this.clock = clock;
    }

    /**
     * The deals earlier imports created under these external ids, among those the caller may see: what a second
     * file (follow-ups, orders) names them by.
     */
    public Map<String, Long> idsByExternalRef(java.util.Collection<String> externalRefs) {
        return externalRefs.isEmpty() ? Map.of() : imports.idsByExternalRef(users.visibleScope(), externalRefs);
    }

    public List<RowProblem> check(List<OpportunityImport> rows) {
        LocalDate today = LocalDate.now(clock);
        Set<String> taken = takenRefs(rows);
        Map<String, Integer> lineByRef = new HashMap<>();
        Map<Long, Boolean> assignable = new HashMap<>();
        Map<Long, Optional<Pipeline>> pipelineById = new HashMap<>();
        Map<Long, Optional<Product>> productById = new HashMap<>();
        Set<String> leadSources = choices.leadSources().stream().map(Choice::code).collect(Collectors.toSet());
        List<RowProblem> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            OpportunityImport row = rows.get(i);
            Optional<Pipeline> pipeline = pipelineById.computeIfAbsent(row.pipelineId(), pipelines::findById);
            Optional<Product> product = row.productId() == null ? Optional.empty()
                    : productById.computeIfAbsent(row.productId(), products::find);
            boolean closed = row.status() != null && row.status() != OpportunityStatus.OPEN;
            Integer sameRef = row.externalRef() == null ? null : lineByRef.putIfAbsent(row.externalRef(), row.line());
            Checks checks = Checks.start()
                    .maxLength("externalRef", row.externalRef(), 60)
                    .rule(sameRef == null, "externalRef", "validation.duplicate.row", sameRef)
                    .rule(row.externalRef() == null || !taken.contains(row.externalRef()), "externalRef",
                            "validation.external-ref.taken", row.externalRef())
                    .required("name", row.name())
                    .maxLength("name", row.name(), 200)
                    .rule(assignable.computeIfAbsent(row.ownerId(), users::canAssignTo), "ownerId",
                            "validation.owner.not-assignable")
                    .rule(pipeline.isPresent(), "pipelineId", "validation.unknown")
                    .rule(pipeline.isEmpty() || pipeline.get().stages().stream().anyMatch(s -> s.id() == row.stageId()),
                            "stageId", "validation.stage.other-pipeline")
                    .required("status", row.status())
                    .money("amount", row.amount())
                    .required("currency", row.currency())
                    .currency("currency", row.currency())
                    .rule(row.productId() == null || product.isPresent(), "productId", "validation.unknown")
                    .rule(product.isEmpty() || product.get().currency().equals(row.currency()), "productId",
                            "validation.line.currency", row.currency())
                    .rule(row.leadSource() == null || leadSources.contains(row.leadSource()), "leadSource",
                            "validation.lead-source.unknown")
                    .maxLength("lostReason", row.lostReason(), 200)
                    .rule(!closed || row.closedOn() != null, "closedOn", "validation.import.close-date-required")
                    .rule(notAfter(row.createdOn(), row.stageEnteredOn()), "stageEnteredOn",
                            "validation.import.before-created")
                    .rule(notAfter(row.stageEnteredOn(), row.closedOn()) && notAfter(row.createdOn(), row.closedOn()),
                            "closedOn", "validation.import.before-stage")
                    .rule(Stream.of(row.createdOn(), row.stageEnteredOn(), row.closedOn())
                            .allMatch(d -> d == null || !d.isAfter(today)), firstFuture(row, today),
                            "validation.date.future")
                    .rule(row.contactId() == null || (row.customerId() != null
                                    && customers.hasContact(row.customerId(), row.contactId())), "contactId",
                            "validation.contact.other-customer");
            pipeline.ifPresent(p -> checkPath(checks, row, p, today));
            int index = i;
            checks.problems().forEach(p -> problems.add(new RowProblem(index, p)));
        }
        return problems;
    }

    /**
     * The earlier stages: each of the pipeline, none the same as the one before it, dated in order from the
     * creation to the entry into the current stage, none in the future.
     */
    private static void checkPath(Checks checks, OpportunityImport row, Pipeline pipeline, LocalDate today) {
        List<OpportunityImport.StageEntry> path = row.earlierStages();
        if (path.isEmpty()) {
            return;
        }
        Set<Long> stageIds = pipeline.stages().stream().map(Stage::id).collect(Collectors.toSet());
        boolean known = true;
        boolean complete = row.stageEnteredOn() != null;
        boolean ordered = true;
        long previous = pipeline.stages().get(0).id();
        LocalDate previousDate = row.createdOn();
        for (OpportunityImport.StageEntry entry : path) {
            known &= stageIds.contains(entry.stageId());
            complete &= entry.stageId() != previous && entry.enteredOn() != null;
            if (entry.enteredOn() != null) {
                ordered &= previousDate == null || !entry.enteredOn().isBefore(previousDate);
                previousDate = entry.enteredOn();
            }
            previous = entry.stageId();
        }
        complete &= previous != row.stageId();
        ordered &= row.stageEnteredOn() == null || previousDate == null || !row.stageEnteredOn().isBefore(previousDate);
        checks.rule(known, "earlierStages", "validation.stage.other-pipeline")
                .rule(complete, "earlierStages", "validation.import.stage-path")
                .rule(ordered, "earlierStages", "validation.import.stage-path-order")
                .rule(path.stream().allMatch(e -> e.enteredOn() == null || !e.enteredOn().isAfter(today)),
                        "earlierStages", "validation.date.future");
    }

    /**
     * Writes rows that {@link #check} passed; answers how many. An open deal gets the tasks of its stage's key
     * activities, as a deal that enters the stage by hand does, due from the day it entered it.
     */
    @Transactional
    public int importAll(List<OpportunityImport> rows) {
        return importAll(rows, false);
    }

    /**
     * The same, saying whether the rows' values (amount, expected close date, next step, owner, lead source) held
     * since each deal was created. Usually they did not, or nobody knows: the deals' past before the import then
     * cannot be rebuilt and never becomes a scorer's training moment (docs/scoring.md, "Point in time"). A source
     * that knows its values never changed (the demo company's plan) says so, and the deals' past counts.
     */
    @Transactional
    public int importAll(List<OpportunityImport> rows, boolean valuesHeldSinceCreation) {
        long actor = users.current().id();
        ZoneId zone = clock.getZone();
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.toLocalDate();
        Map<Long, Long> firstStageOf = new HashMap<>();
        Map<Long, Stage> stageById = new HashMap<>();
        Map<Long, Optional<Long>> managerOf = new HashMap<>();
        Map<Long, Optional<Product>> productById = new HashMap<>();
        Function<LocalDate, OffsetDateTime> startOf = d -> d.atStartOfDay(zone).toOffsetDateTime();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<OpportunityImport> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            List<Long> ids = imports.nextIds("opportunity", chunk.size());
            List<ImportedDeal> deals = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                OpportunityImport row = chunk.get(i);
                long firstStage = firstStageOf.computeIfAbsent(row.pipelineId(), id -> {
                    Pipeline pipeline = pipelines.findById(id).orElseThrow();
                    pipeline.stages().forEach(s -> stageById.put(s.id(), s));
                    return pipeline.stages().get(0).id();
                });
                List<OpportunityImport.StageEntry> path = row.earlierStages();
                LocalDate created = firstNonNull(row.createdOn(), path.isEmpty() ? null : path.get(0).enteredOn(),
                        row.stageEnteredOn(), row.closedOn(), today);
                LocalDate entered = firstNonNull(row.stageEnteredOn(), created);
                BigDecimal listPrice = row.productId() == null ? null
                        : productById.computeIfAbsent(row.productId(), products::find).map(Product::unitPrice)
                        .orElse(null);
                // as with lines entered by hand, a deal with a product is worth its line: the amount, else the price
                BigDecimal amount = row.amount() != null ? row.amount() : listPrice;
                BigDecimal linePrice = amount == null ? BigDecimal.ZERO : amount;
                OffsetDateTime createdAt = startOf.apply(created);
                deals.add(new ImportedDeal(ids.get(i), row, firstStage, createdAt,
                        path.stream().map(e -> startOf.apply(e.enteredOn())).toList(), startOf.apply(entered),
                        row.closedOn() == null ? null : startOf.apply(row.closedOn()), amount, linePrice,
                        valuesHeldSinceCreation ? createdAt : now));
            }
            imports.write(deals, actor, now);
            List<TaskRepository.NewTask> planned = new ArrayList<>();
            for (ImportedDeal deal : deals) {
                OpportunityImport row = deal.row();
                if (row.status() == OpportunityStatus.OPEN) {
                    long ownerId = row.ownerId();
                    planned.addAll(planner.tasksFor(deal.id(), ownerId, null, stageById.get(row.stageId()),
                            deal.stageEnteredAt().atZoneSameInstant(zone).toLocalDate(),
                            () -> managerOf.computeIfAbsent(ownerId, users::managerOf)));
                }
            }
            tasks.insertAll(planned, actor);
        }
        return rows.size();
    }

    private Set<String> takenRefs(List<OpportunityImport> rows) {
        List<String> refs = rows.stream().map(OpportunityImport::externalRef).filter(Objects::nonNull).toList();
        return refs.isEmpty() ? Set.of() : imports.takenExternalRefs(refs);
    }

    private static boolean notAfter(LocalDate earlier, LocalDate later) {
        return earlier == null || later == null || !earlier.isAfter(later);
    }

    private static String firstFuture(OpportunityImport row, LocalDate today) {
        if (row.createdOn() != null && row.createdOn().isAfter(today)) {
            return "createdOn";
        }
        return row.stageEnteredOn() != null && row.stageEnteredOn().isAfter(today) ? "stageEnteredOn" : "closedOn";
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalArgumentException("no value");
    }
}
