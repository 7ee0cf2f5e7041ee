package dev.funnel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.catalog.Product;
import dev.funnel.catalog.ProductDraft;
import dev.funnel.catalog.ProductService;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.plugin.api.ForecastCategory;
import dev.funnel.plugin.api.OpportunityField;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import dev.funnel.testsupport.TestData.Org;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Products as line items: the amount follows the lines when there are any. */
class ProductLinesTest extends IntegrationTest {

    @Autowired
    OpportunityService opportunities;
    @Autowired
    OpportunityEditService editing;
    @Autowired
    StageProgressService progress;
    @Autowired
    ProductService products;
    @Autowired
    PipelineService pipelines;

    Org company;
    Opportunity deal;
    Product licence;
    Product dollars;

    @BeforeEach
    void aDealAndAProduct() {
        company = data.organisation();
        deal = data.opportunityOf(company.eastRep(), data.pipeline());
        licence = as("admin", () -> products.create(new ProductDraft(TestData.unique("LIC"), "企业版许可",
                new BigDecimal("3600.00"), "CNY")));
        dollars = as("admin", () -> products.create(new ProductDraft(TestData.unique("USD"), "Support (USD)",
                new BigDecimal("500.00"), "USD")));
        signIn(company.eastRep().username());
    }

    @Test
    void the_amount_becomes_the_sum_of_the_lines_with_their_discounts() {
        Opportunity priced = editing.setLines(deal.id(), deal.version(), List.of(
                new LineDraft(licence.id(), new BigDecimal("50"), null, new BigDecimal("10")),
                new LineDraft(licence.id(), new BigDecimal("1"), new BigDecimal("20000"), null)));

        // 50 × 3,600 × 0.9 = 162,000 plus 20,000
        assertThat(priced.amount()).isEqualByComparingTo("182000.00");
        assertThat(opportunities.lines(deal.id())).extracting(OpportunityLine::total)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("162000"), new BigDecimal("20000"));

        Opportunity edited = editing.update(priced.id(), priced.version(),
                OpportunityDraft.of(priced).withAmount(new BigDecimal("1")));
        assertThat(edited.amount()).isEqualByComparingTo("182000.00");
    }

    @Test
    void a_product_in_another_currency_a_zero_quantity_and_a_big_discount_are_refused() {
        assertThatThrownBy(() -> editing.setLines(deal.id(), deal.version(), List.of(
                new LineDraft(dollars.id(), BigDecimal.ONE, null, null),
                new LineDraft(licence.id(), BigDecimal.ZERO, null, new BigDecimal("120")))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("lines[0].productId",
                                "lines[1].quantity", "lines[1].discountPercent"));
        assertThat(opportunities.lines(deal.id())).isEmpty();
    }

    @Test
    void listing_products_fills_the_products_criterion_of_the_gate() {
        Pipeline quoting = as("admin", () -> pipelines.create(new NewPipeline(TestData.unique("quote"), null, false,
                List.of(new NewStage("Quote", "报价", 30, ForecastCategory.PIPELINE, 30,
                                List.of(new NewStage.NewCriterion("Products are listed", "产品已列明",
                                        OpportunityField.PRODUCTS)), List.of()),
                        new NewStage("Sign", "签约", 90)))));
        Opportunity quote = data.opportunityOf(company.eastRep(), quoting);
        long sign = quoting.stages().get(1).id();

        assertThat(progress.missingFor(quote.id(), sign)).extracting(MissingItem::field)
                .containsExactly(OpportunityField.PRODUCTS);
        editing.setLines(quote.id(), quote.version(), List.of(new LineDraft(licence.id(), BigDecimal.ONE, null, null)));
        assertThat(progress.missingFor(quote.id(), sign)).isEmpty();
    }
}
