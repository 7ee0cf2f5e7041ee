package dev.funnel.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.identity.Role;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

class ProductServiceTest extends IntegrationTest {

    @Autowired
    ProductService products;

    @Test
    void an_admin_adds_a_product_with_an_exact_price_that_everyone_can_list() {
        String code = TestData.unique("CRM");
        Product created = as("admin", () -> products.create(new ProductDraft(code, "销售漏斗CRM 企业版",
                new BigDecimal("3600.50"), "CNY")));

        assertThat(created.unitPrice()).isEqualByComparingTo("3600.50");
        var rep = data.user(Role.SALES_REP, null);
        assertThat(as(rep.username(), () -> products.listActive())).extracting(Product::code).contains(code);
    }

    @Test
    void a_rep_may_not_add_products() {
        var rep = data.user(Role.SALES_REP, null);
        signIn(rep.username());

        assertThatThrownBy(() -> products.create(new ProductDraft("X", "X", BigDecimal.ONE, "CNY")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_duplicate_code_a_negative_price_and_an_unknown_currency_are_all_reported() {
        String code = TestData.unique("SVC");
        signIn("admin");
        products.create(new ProductDraft(code, "实施服务", new BigDecimal("1000"), "CNY"));

        assertThatThrownBy(() -> products.create(new ProductDraft(code, "again", new BigDecimal("-1"), "ABC")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactlyInAnyOrder("code", "unitPrice", "currency"));
    }
}
