package dev.funnel.analytics.ui;

import dev.funnel.platform.Texts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import dev.funnel.analytics.DealRow;
import dev.funnel.analytics.DrillDown;
import dev.funnel.analytics.ReportFilter;
import dev.funnel.analytics.ReportService;
import dev.funnel.platform.Formats;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.ui.PagedGrids;
import java.util.Locale;

/** The deals behind a bar of a chart, with the filters that produced it; each opens its opportunity page. */
class DealsDialog extends Dialog {

    final Grid<DealRow> grid = new Grid<>();
    final Span count = new Span();

    DealsDialog(ReportService reports, ReportFilter filter, DrillDown drill, String what) {
        setHeaderTitle(getTranslation("report.deals-behind", what));
        setWidth("min(70em, 95vw)");
        setHeight("70vh");
        addClassName("funnel-deals-behind");
        boolean chinese = Texts.isChinese(getLocale());
        grid.addComponentColumn(d -> new Anchor("opportunities/" + d.id(), d.name()))
                .setHeader(getTranslation("report.col.deal")).setFlexGrow(2);
        grid.addColumn(DealRow::customerName).setHeader(getTranslation("opportunity.customer"));
        grid.addColumn(DealRow::ownerName).setHeader(getTranslation("opportunity.owner"));
        grid.addColumn(d -> chinese ? d.stageNameZh() : d.stageNameEn()).setHeader(getTranslation("report.col.stage"));
        grid.addColumn(d -> getTranslation("status." + d.status().toLowerCase(Locale.ROOT)))
                .setHeader(getTranslation("report.col.status"));
        grid.addColumn(d -> Formats.money(d.amount(), d.currency(), getLocale()))
                .setHeader(getTranslation("report.col.amount")).setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        grid.addColumn(d -> Formats.date(d.closedOn(), getLocale())).setHeader(getTranslation("report.col.closed-on"));
        Span empty = new Span(getTranslation("report.deals-behind.empty"));
        PagedGrids.lazy(grid, empty, page -> reports.dealsBehind(filter, drill, page).items(), () -> {
            long total = reports.dealsBehind(filter, drill, PageRequest.of(0, 1)).total();
            count.setText(getTranslation("report.deals-behind.count", total));
            return total;
        });
        add(count, grid, empty);
        getFooter().add(new Button(getTranslation("report.close"), e -> close()));
    }
}
