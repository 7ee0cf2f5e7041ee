package dev.funnel.pipeline.ui;

import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.dnd.DragSource;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.RouteParameters;
import dev.funnel.pipeline.BoardCard;
import dev.funnel.platform.Formats;

/** A compact card on the board; it can be dragged to another column. */
class BoardCardView extends Div {

    private final BoardCard card;

    BoardCardView(BoardCard card) {
        this.card = card;
        addClassName("funnel-card");
        setId("card-" + card.id());
        getElement().setAttribute("data-opportunity", String.valueOf(card.id()));
        RouterLink name = new RouterLink(card.name(), OpportunityView.class,
                new RouteParameters("id", String.valueOf(card.id())));
        name.addClassName("funnel-card-name");
        Span customer = new Span(card.customerName());
        customer.addClassName("funnel-card-customer");
        Span amount = new Span(Formats.compactMoney(card.amount(), card.currency(), getLocale()));
        amount.addClassName("funnel-number");
        Avatar owner = new Avatar(card.ownerName());
        owner.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_XSMALL);
        Span days = new Span(getTranslation("board.days", card.daysInStage()));
        days.getElement().getThemeList().add(card.stalled() ? "badge error small" : "badge contrast small");
        if (card.stalled()) {
            days.getElement().setAttribute("title", getTranslation("board.stalled"));
        }
        HorizontalLayout facts = new HorizontalLayout(amount, days);
        if (card.grade() != null) {
            Span grade = new Span(card.grade());
            grade.getElement().getThemeList().add("badge small");
            facts.add(grade);
        }
        if (card.winProbability() != null) {
            facts.add(winProbabilityBadge(card.winProbability()));
        }
        facts.add(owner);
        facts.addClassName("funnel-card-facts");
        add(name, customer, facts);
        DragSource.create(this).setDragData(card);
    }

    /** The primary scorer's probability as a small badge, its colour by how likely the deal is. */
    private Span winProbabilityBadge(java.math.BigDecimal probability) {
        int percent = probability.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).intValue();
        Span badge = new Span(getTranslation("score.badge", percent));
        badge.addClassName("funnel-card-score");
        badge.getElement().getThemeList().add(percent >= 60 ? "badge success small"
                : percent >= 30 ? "badge small" : "badge contrast small");
        badge.getElement().setAttribute("title", getTranslation("score.badge.title", percent));
        return badge;
    }

    BoardCard card() {
        return card;
    }
}
