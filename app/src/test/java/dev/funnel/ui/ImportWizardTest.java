package dev.funnel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import dev.funnel.catalog.Product;
import dev.funnel.catalog.ProductService;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.internal.TableReader;
import dev.funnel.importexport.ui.ImportView;
import dev.funnel.testsupport.KaribuTest;
import dev.funnel.testsupport.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The import wizard, step by step, with a GBK file from a Chinese Excel. */
class ImportWizardTest extends KaribuTest {

    @Autowired
    ProductService products;

    @Test
    void a_gbk_csv_is_uploaded_mapped_checked_and_imported_with_only_its_valid_rows_when_asked() {
        String tag = TestData.unique("导入");
        String csv = "name,unitPrice,currency\n" + tag + " 标准版,9800,CNY\n" + tag + " 旗舰版,不是金额,CNY\n"
                + tag + " 实施服务,20000,CNY\n";
        login("admin");
        UI.getCurrent().navigate(ImportView.class);
        @SuppressWarnings("unchecked")
        Select<ImportEntity> entity = _get(Select.class, spec -> spec.withLabel("What the file holds"));
        entity.setValue(ImportEntity.PRODUCTS);

        UploadKt._upload(_get(Upload.class), "products.csv", csv.getBytes(TableReader.GBK));
        MockVaadin.clientRoundtrip();

        assertThat(_get(Span.class, spec -> spec.withText("3 rows, GBK"))).isNotNull();
        _click(_get(Button.class, spec -> spec.withText("Check every row")));
        assertThat(_get(Span.class, spec -> spec.withText("Checking every row… the page stays usable meanwhile.")))
                .isNotNull();
        awaitText("3 rows: 2 can be imported, 1 problems");
        Button run = _get(Button.class, spec -> spec.withText("Import 2 rows"));
        assertThat(run.isEnabled()).isFalse();

        _get(Checkbox.class, spec -> spec.withLabel("Import only the valid rows (the others are left out and listed in the error report)")).setValue(true);
        _click(run);
        awaitText("Imported 2 of 3 rows; 1 problems.");

        List<String> names = products.listActive().stream().map(Product::name).filter(n -> n.startsWith(tag))
                .toList();
        assertThat(names).containsExactlyInAnyOrder(tag + " 标准版", tag + " 实施服务");
    }

    private static void awaitText(String text) {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (_find(Span.class, spec -> spec.withText(text)).isEmpty()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("never showed: " + text);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            MockVaadin.clientRoundtrip();
        }
    }
}
