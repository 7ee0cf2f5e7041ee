package dev.funnel.analytics.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import dev.funnel.analytics.MovedDeal;
import dev.funnel.platform.Formats;
import dev.funnel.platform.PageRequest;
import dev.funnel.platform.PageResult;
import dev.funnel.platform.ui.PagedGrids;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;

/** The deals behind a bar of the pipeline's movement: each as it stood at the first date and at the second. */
public class MovedDealsDialog extends Dialog {

    final Grid<MovedDeal> grid = new Grid<>();
    final Span count = new Span();

    public MovedDealsDialog(String what, Map<Long, String> stageNames, String currency,
                     Function<PageRequest, PageResult<MovedDeal>> deals) {
        setHeaderTitle(getTranslation("report.deals-behind", what));
        setWidth("min(76em, 95vw)");
        setHeight("70vh");
        addClassName("funnel-moved-deals");
        grid.addComponentColumn(d -> new Anchor("opportunities/" + d.id(), d.name()))
                .setHeader(getTranslation("report.col.deal")).setFlexGrow(2);
        grid.addColumn(MovedDeal::customerName).setHeader(getTranslation("opportunity.customer"));
        grid.addColumn(MovedDeal::ownerName).setHeader(getTranslation("opportunity.owner"));
        grid.addColumn(d -> change(name(stageNames, d.stageBefore()), name(stageNames, d.stageAfter())))
                .setHeader(getTranslation("report.col.stage"));
        grid.addColumn(d -> change(money(d.amountBefore(), currency), money(d.amountAfter(), currency)))
                .setHeader(getTranslation("report.col.amount")).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(d -> change(date(d.closeBefore()), date(d.closeAfter())))
                .setHeader(getTranslation("opportunity.expected-close"));
        Span empty = new Span(getTranslation("report.deals-behind.empty"));
        PagedGrids.lazy(grid, empty, page -> deals.apply(page).items(), () -> {
            long total = deals.apply(PageRequest.of(0, 1)).total();
            count.setText(getTranslation("report.deals-behind.count", total));
            return total;
        });
        add(count, grid, empty);
        getFooter().add(new Button(getTranslation("report.close"), e -> close()));
    }

    private static String change(String before, String after) {
        return before.equals(after) ? after : before + " → " + after;
    }

    private static String name(Map<Long, String> stageNames, Long stageId) {
        return stageId == null ? "–" : stageNames.getOrDefault(stageId, "");
    }

    private String money(BigDecimal amount, String currency) {
        return amount == null ? "–" : Formats.money(amount, currency, getLocale());
    }

    private String date(LocalDate date) {
        return date == null ? "–" : Formats.date(date, getLocale());
    }
}
