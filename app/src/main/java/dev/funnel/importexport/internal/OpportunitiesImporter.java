package dev.funnel.importexport.internal;

import dev.funnel.catalog.ProductService;
import dev.funnel.customer.CustomerService;
import dev.funnel.currency.CurrencyService;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportField;
import dev.funnel.importexport.ImportField.Kind;
import dev.funnel.identity.UserService;
import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.pipeline.OpportunityImport;
import dev.funnel.pipeline.OpportunityImportService;
import dev.funnel.pipeline.OpportunityStatus;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.Stage;
import dev.funnel.platform.RowProblem;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Opportunities: the stage column names an open stage of the pipeline (in English or Chinese) or, through a
 * value mapping, WON or LOST, which puts the deal in the pipeline's last stage, closed. The close date is the
 * actual one for won and lost deals and the expected one for open deals.
 */
@Component
class OpportunitiesImporter implements EntityImporter<OpportunityImport> {

    private final OpportunityImportService opportunities;
    private final PipelineService pipelines;
    private final CustomerService customers;
    private final ProductService products;
    private final UserService users;
    private final ChoiceService choices;
    private final CurrencyService currencies;

    OpportunitiesImporter(OpportunityImportService opportunities, PipelineService pipelines, CustomerService customers,
                          ProductService products, UserService users, ChoiceService choices,
                          CurrencyService currencies) {
        this.currencies = currencies;
        this.opportunities = opportunities;
        this.pipelines = pipelines;
        this.customers = customers;
        this.products = products;
        this.users = users;
        this.choices = choices;
    }

    private record Found(Map<String, List<Long>> owners, Map<String, List<Long>> customers,
                         Map<String, List<Long>> products, List<Pipeline> pipelines, Optional<Pipeline> defaultPipeline,
                         List<Choice> leadSources, Map<Long, String> productNames, String companyCurrency)
            implements Lookups {
    }

    @Override
    public ImportEntity entity() {
        return ImportEntity.OPPORTUNITIES;
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("owner", true, Kind.REFERENCE, "负责人", "销售", "销售代表", "所属销售", "Owner", "Sales agent",
                        "Sales rep", "Opportunity owner"),
                new ImportField("stage", true, Kind.CHOICE, "阶段", "销售阶段", "商机阶段", "Stage", "Deal stage",
                        "Sales stage"),
                new ImportField("externalId", false, Kind.TEXT, "编号", "商机编号", "外部编号", "Opportunity id", "Deal id",
                        "ID"),
                new ImportField("name", false, Kind.TEXT, "商机名称", "项目名称", "商机", "Opportunity", "Opportunity name",
                        "Deal", "Deal name"),
                new ImportField("customer", false, Kind.REFERENCE, "客户", "客户名称", "公司名称", "企业名称", "Account",
                        "Account name", "Company", "Customer"),
                new ImportField("pipeline", false, Kind.REFERENCE, "销售流程", "流程", "Pipeline"),
                new ImportField("amount", false, Kind.AMOUNT, "金额", "商机金额", "预计金额", "合同金额", "Amount", "Value",
                        "Deal value", "Close value"),
                new ImportField("currency", false, Kind.CHOICE, "币种", "货币", "Currency"),
                new ImportField("createdOn", false, Kind.DATE, "创建日期", "创建时间", "Created", "Created date",
                        "Create date"),
                new ImportField("stageEnteredOn", false, Kind.DATE, "进入阶段日期", "接洽日期", "Engage date", "Stage date"),
                new ImportField("closeDate", false, Kind.DATE, "成交日期", "关闭日期", "赢单日期", "实际成交日期", "Close date",
                        "Closed date", "Actual close date"),
                new ImportField("expectedCloseDate", false, Kind.DATE, "预计成交日期", "预计签约日期", "预计关闭日期",
                        "Expected close date", "Expected close"),
                new ImportField("leadSource", false, Kind.CHOICE, "线索来源", "来源", "商机来源", "Lead source", "Source"),
                new ImportField("product", false, Kind.REFERENCE, "产品", "产品名称", "Product"),
                new ImportField("lostReason", false, Kind.TEXT, "输单原因", "丢单原因", "Lost reason", "Loss reason"));
    }

    @Override
    public Map<String, String> fieldNames() {
        return Map.of("ownerId", "owner", "customerId", "customer", "stageId", "stage", "status", "stage",
                "pipelineId", "pipeline", "closedOn", "closeDate", "productId", "product", "externalRef",
                "externalId");
    }

    @Override
    public Lookups prepare(Function<String, Set<String>> distinct) {
        Map<String, List<Long>> productIds = products.idsByName(distinct.apply("product"));
        Map<Long, String> productNames = products.listActive().stream()
                .collect(Collectors.toMap(p -> p.id(), p -> p.name()));
        return new Found(users.idsByName(distinct.apply("owner")), customers.idsByName(distinct.apply("customer")),
                productIds, pipelines.list(), pipelines.defaultPipeline(), choices.leadSources(), productNames,
                currencies.companyCurrency());
    }

    @Override
    public OpportunityImport read(RowReader row, Lookups lookups) {
        Found found = (Found) lookups;
        Long ownerId = NameLookup.resolve(row, "owner", found.owners(), "validation.import.unknown-user");
        if (row.text("owner") == null) {
            row.error("owner", "validation.required");
        }
        Long customerId = NameLookup.resolve(row, "customer", found.customers(), "validation.import.unknown-customer");
        Long productId = NameLookup.resolve(row, "product", found.products(), "validation.import.unknown-product");
        Pipeline pipeline = pipeline(row, found);
        Stage stage = null;
        OpportunityStatus status = null;
        String stageName = row.text("stage");
        if (stageName == null) {
            row.error("stage", "validation.required");
        } else if (pipeline != null) {
            if (stageName.equalsIgnoreCase("WON") || stageName.equalsIgnoreCase("LOST")) {
                status = OpportunityStatus.valueOf(stageName.toUpperCase(Locale.ROOT));
                stage = pipeline.stages().get(pipeline.stages().size() - 1);
            } else {
                stage = pipeline.stages().stream().filter(s -> s.nameEn().equalsIgnoreCase(stageName)
                        || s.nameZh().equals(stageName)).findFirst().orElse(null);
                status = OpportunityStatus.OPEN;
                if (stage == null) {
                    row.error("stage", "validation.import.unknown-stage", stageName, Stream.concat(
                            pipeline.stages().stream().map(Stage::nameEn), Stream.of("WON", "LOST"))
                            .collect(Collectors.joining(", ")));
                }
            }
        }
        String leadSource = leadSource(row, found);
        String currency = row.text("currency");
        LocalDate closeDate = row.date("closeDate");
        LocalDate expected = row.date("expectedCloseDate");
        boolean closed = status != null && status != OpportunityStatus.OPEN;
        if (ownerId == null || pipeline == null || stage == null) {
            return null;
        }
        String externalId = row.text("externalId");
        return new OpportunityImport(row.rowNumber(), externalId, name(row, found, customerId, productId, externalId),
                customerId, ownerId, pipeline.id(), stage.id(), status, row.amount("amount"),
                currency == null ? found.companyCurrency() : currency.toUpperCase(Locale.ROOT), row.date("createdOn"),
                row.date("stageEnteredOn"), closed ? closeDate : null, expected != null || closed ? expected : closeDate,
                leadSource, productId, row.text("lostReason"));
    }

    /** A deal without a name is called after its product and customer, as a rep would name it. */
    private static String name(RowReader row, Found found, Long customerId, Long productId, String externalId) {
        String name = row.text("name");
        if (name != null) {
            return name;
        }
        String product = productId == null ? null : found.productNames().get(productId);
        String customer = customerId == null ? null : row.text("customer");
        String second = customer != null ? customer : externalId;
        if (product == null) {
            return second;
        }
        return second == null ? product : product + " · " + second;
    }

    private static Pipeline pipeline(RowReader row, Found found) {
        String name = row.text("pipeline");
        if (name == null) {
            if (found.defaultPipeline().isEmpty()) {
                row.error("pipeline", "validation.required");
            }
            return found.defaultPipeline().orElse(null);
        }
        Optional<Pipeline> named = found.pipelines().stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
        if (named.isEmpty()) {
            row.error("pipeline", "validation.import.unknown-pipeline", name);
        }
        return named.orElse(null);
    }

    /** A lead source by its code or its label in either language. */
    private static String leadSource(RowReader row, Found found) {
        String text = row.text("leadSource");
        if (text == null) {
            return null;
        }
        Optional<Choice> choice = found.leadSources().stream().filter(c -> c.code().equalsIgnoreCase(text)
                || c.labelEn().equalsIgnoreCase(text) || c.labelZh().equals(text)).findFirst();
        if (choice.isEmpty()) {
            row.error("leadSource", "validation.lead-source.unknown");
            return null;
        }
        return choice.get().code();
    }

    @Override
    public List<RowProblem> check(List<OpportunityImport> records) {
        return opportunities.check(records);
    }

    @Override
    public int write(List<OpportunityImport> records) {
        return opportunities.importAll(records);
    }
}
