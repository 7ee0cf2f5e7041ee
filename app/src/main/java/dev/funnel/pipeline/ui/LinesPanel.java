package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import dev.funnel.catalog.Product;
import dev.funnel.pipeline.LineDraft;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.OpportunityLine;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The opportunity's products as line items; editing them sets the amount to their sum. */
class LinesPanel extends VerticalLayout {

    LinesPanel(Opportunity deal, List<OpportunityLine> lines, List<Product> catalogue,
               Consumer<List<LineDraft>> save) {
        setPadding(false);
        Grid<OpportunityLine> grid = new Grid<>();
        grid.addColumn(OpportunityLine::productName).setHeader(getTranslation("line.product")).setFlexGrow(3);
        grid.addColumn(l -> l.quantity().stripTrailingZeros().toPlainString()).setHeader(getTranslation("line.quantity"))
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(l -> Formats.money(l.unitPrice(), deal.currency(), getLocale()))
                .setHeader(getTranslation("line.unit-price")).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(l -> l.discountPercent().stripTrailingZeros().toPlainString() + "%")
                .setHeader(getTranslation("line.discount")).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(l -> Formats.money(l.total(), deal.currency(), getLocale()))
                .setHeader(getTranslation("line.total")).setTextAlign(ColumnTextAlign.END);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setItems(lines);
        grid.setAllRowsVisible(true);
        com.vaadin.flow.component.html.Span none = new com.vaadin.flow.component.html.Span(
                getTranslation("line.empty", getTranslation("line.edit")));
        none.addClassName("funnel-empty-state");
        grid.getElement().appendChild(none.getElement().setAttribute("slot", "empty-state"));
        Button edit = new Button(getTranslation("line.edit"), e -> openEditor(lines, catalogue, save));
        add(edit, grid);
    }

    private void openEditor(List<OpportunityLine> lines, List<Product> catalogue, Consumer<List<LineDraft>> save) {
        VerticalLayout rows = new VerticalLayout();
        rows.setPadding(false);
        List<Supplier<LineDraft>> readers = new ArrayList<>();
        Runnable addEmpty = () -> addRow(rows, readers, catalogue, null);
        lines.forEach(line -> addRow(rows, readers, catalogue, line));
        if (lines.isEmpty()) {
            addEmpty.run();
        }
        Button add = new Button(getTranslation("line.add"), VaadinIcon.PLUS.create(), e -> addEmpty.run());
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        FormDialogs.open(getTranslation("line.edit"), new VerticalLayout(rows, add), new FieldErrors(this),
                () -> save.accept(readers.stream().map(Supplier::get).toList()), () -> { });
    }

    private void addRow(VerticalLayout rows, List<Supplier<LineDraft>> readers, List<Product> catalogue,
                        OpportunityLine line) {
        ComboBox<Product> product = new ComboBox<>(getTranslation("line.product"), catalogue);
        product.setItemLabelGenerator(p -> p.code() + " · " + p.name());
        BigDecimalField quantity = new BigDecimalField(getTranslation("line.quantity"));
        BigDecimalField price = new BigDecimalField(getTranslation("line.unit-price"));
        BigDecimalField discount = new BigDecimalField(getTranslation("line.discount"));
        product.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                price.setValue(e.getValue().unitPrice());
            }
        });
        if (line != null) {
            catalogue.stream().filter(p -> p.id() == line.productId()).findFirst().ifPresent(product::setValue);
            quantity.setValue(line.quantity());
            price.setValue(line.unitPrice());
            discount.setValue(line.discountPercent());
        }
        HorizontalLayout row = new HorizontalLayout(product, quantity, price, discount);
        Supplier<LineDraft> reader = () -> new LineDraft(product.getValue() == null ? null : product.getValue().id(),
                quantity.getValue(), price.getValue(), discount.getValue());
        Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
            rows.remove(row);
            readers.remove(reader);
        });
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        row.add(remove);
        row.setAlignItems(Alignment.BASELINE);
        readers.add(reader);
        rows.add(row);
    }
}
