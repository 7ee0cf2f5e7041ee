package dev.funnel.analytics.ui;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** A headline figure: a small label over a large number in tabular digits. */
class FigureTile extends VerticalLayout {

    FigureTile(String label, String value) {
        Span name = new Span(label);
        name.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Span figure = new Span(value);
        figure.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("font-weight", "600")
                .set("font-variant-numeric", "tabular-nums");
        add(name, figure);
        setPadding(false);
        setSpacing(false);
        setWidth(null);
    }
}
