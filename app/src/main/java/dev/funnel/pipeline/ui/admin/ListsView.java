package dev.funnel.pipeline.ui.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.identity.Role;
import dev.funnel.pipeline.Choice;
import dev.funnel.pipeline.ChoiceService;
import dev.funnel.platform.ui.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.function.Supplier;

/** Admin &gt; Lists: the lead sources and lost reasons people choose from, in both languages. */
@Route("admin/lists")
@RolesAllowed(Role.Names.ADMIN)
public class ListsView extends VerticalLayout implements HasDynamicTitle {

    private final ChoiceService choices;

    public ListsView(ChoiceService choices) {
        this.choices = choices;
        H2 title = new H2(getTranslation("nav.lists"));
        title.addClassName("funnel-view-title");
        add(title, section(Choice.LEAD_SOURCE, "lists.lead-sources", choices::leadSources),
                section(Choice.LOST_REASON, "lists.lost-reasons", choices::lostReasons));
    }

    private VerticalLayout section(String kind, String titleKey, Supplier<List<Choice>> current) {
        Grid<Choice> grid = new Grid<>();
        grid.addColumn(Choice::code).setHeader(getTranslation("lists.code"));
        grid.addColumn(Choice::labelEn).setHeader(getTranslation("lists.label-en"));
        grid.addColumn(Choice::labelZh).setHeader(getTranslation("lists.label-zh"));
        grid.addComponentColumn(choice -> {
            Button retire = new Button(getTranslation("lists.retire"),
                    e -> grid.setItems(choices.retire(kind, choice.code())));
            retire.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            return retire;
        });
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setItems(current.get());
        TextField code = new TextField(getTranslation("lists.code"));
        TextField en = new TextField(getTranslation("lists.label-en"));
        TextField zh = new TextField(getTranslation("lists.label-zh"));
        FieldErrors errors = new FieldErrors(this).bind("code", code).bind("labelEn", en).bind("labelZh", zh);
        Button add = new Button(getTranslation("lists.add"), e -> {
            if (errors.attempt(() -> grid.setItems(choices.add(new Choice(kind, code.getValue(), en.getValue(),
                    zh.getValue()))))) {
                code.clear();
                en.clear();
                zh.clear();
            }
        });
        HorizontalLayout form = new HorizontalLayout(code, en, zh, add);
        form.setAlignItems(Alignment.BASELINE);
        VerticalLayout section = new VerticalLayout(new H3(getTranslation(titleKey)), grid, form);
        section.setPadding(false);
        return section;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.lists") + " · " + getTranslation("app.name");
    }
}
