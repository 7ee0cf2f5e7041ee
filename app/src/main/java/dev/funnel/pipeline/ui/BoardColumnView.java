package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dnd.DropEffect;
import com.vaadin.flow.component.dnd.DropTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import dev.funnel.pipeline.BoardCard;
import dev.funnel.pipeline.BoardColumn;
import dev.funnel.platform.Formats;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One stage's column: its head (name and probability, count, amount and weighted amount), its first cards and
 * 'load more'. A card dropped on it asks the board to move the deal here.
 */
class BoardColumnView extends Div {

    static final int PAGE = 20;

    private final BoardColumn column;
    private final Div cards = new Div();
    private final Button more = new Button();
    private final Function<Integer, List<BoardCard>> page;
    private int loaded;

    BoardColumnView(BoardColumn column, Function<Integer, List<BoardCard>> page, BiConsumer<BoardCard, Long> dropped) {
        this.column = column;
        this.page = page;
        addClassName("funnel-column");
        addClassName("funnel-stage-" + Math.min(column.stage().position(), 7));
        setId("column-" + column.stage().id());
        H3 name = new H3(column.stage().name(getLocale()) + " · " + column.stage().probability() + "%");
        name.addClassName("funnel-column-name");
        Span figures = new Span(getTranslation("board.column.figures", column.count(),
                Formats.compactMoney(column.amount(), column.currency(), getLocale()),
                Formats.compactMoney(column.weightedAmount(), column.currency(), getLocale())));
        if (column.unconverted() > 0) {
            figures.setTitle(getTranslation("board.unconverted", column.unconverted()));
        }
        figures.addClassName("funnel-column-figures");
        Div head = new Div(name, figures);
        head.addClassName("funnel-column-head");
        cards.addClassName("funnel-column-cards");
        more.setText(getTranslation("board.more"));
        more.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        more.addClickListener(e -> loadMore());
        add(head, cards, more);
        DropTarget<BoardColumnView> target = DropTarget.create(this);
        target.setDropEffect(DropEffect.MOVE);
        target.addDropListener(e -> e.getDragData().ifPresent(data -> dropped.accept((BoardCard) data,
                column.stage().id())));
        loadMore();
    }

    void loadMore() {
        List<BoardCard> next = page.apply(loaded);
        next.forEach(card -> cards.add(new BoardCardView(card)));
        loaded += next.size();
        more.setVisible(loaded < column.count());
    }

    BoardColumn column() {
        return column;
    }

    List<BoardCard> shownCards() {
        return cards.getChildren().map(c -> ((BoardCardView) c).card()).toList();
    }
}
