package dev.funnel.pipeline.ui.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dnd.GridDropLocation;
import com.vaadin.flow.component.grid.dnd.GridDropMode;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.listbox.ListBox;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.identity.Role;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.Stage;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import dev.funnel.pipeline.StageTemplateSource;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;

/**
 * Admin &gt; Sales process: pipelines on the left, the chosen pipeline's stages in order (drag to reorder), and
 * the chosen stage's editor; 'New pipeline from template' offers the templates of the loaded plugins.
 */
@Route("admin/process")
@RolesAllowed(Role.Names.ADMIN)
public class SalesProcessView extends HorizontalLayout implements HasDynamicTitle {

    private final PipelineService pipelines;
    private final ListBox<Pipeline> pipelineList = new ListBox<>();
    private final Grid<Stage> stages = new Grid<>();
    private final Div editorSlot = new Div();
    private Stage dragged;

    public SalesProcessView(PipelineService pipelines, StageTemplateSource templates) {
        this.pipelines = pipelines;
        setSizeFull();
        pipelineList.setItemLabelGenerator(Pipeline::name);
        pipelineList.addValueChangeListener(e -> showStages(e.getValue()));
        Button fromTemplate = new Button(getTranslation("process.new-from-template"), VaadinIcon.PLUS.create(),
                e -> TemplateDialog.open(this, templates.templates(), pipelines, this::reloadPipelines));
        fromTemplate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button blank = new Button(getTranslation("process.new-blank"), VaadinIcon.PLUS.create(),
                e -> BlankPipelineDialog.open(this, pipelines, this::reloadPipelines));
        H2 title = new H2(getTranslation("nav.process"));
        title.addClassName("funnel-view-title");
        VerticalLayout left = new VerticalLayout(title, fromTemplate, blank, pipelineList);

        stages.addColumn(Stage::position).setHeader("#").setAutoWidth(true);
        stages.addColumn(s -> s.name(getLocale())).setHeader(getTranslation("opportunity.stage"));
        stages.addColumn(s -> s.probability() + "%").setHeader(getTranslation("process.probability"));
        stages.addThemeVariants(GridVariant.LUMO_COMPACT);
        stages.setRowsDraggable(true);
        stages.setDropMode(GridDropMode.BETWEEN);
        stages.addDragStartListener(e -> dragged = e.getDraggedItems().get(0));
        stages.addDropListener(e -> e.getDropTargetItem().ifPresent(target ->
                move(dragged, target, e.getDropLocation() == GridDropLocation.BELOW)));
        stages.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::showEditor));
        Button addStage = new Button(getTranslation("process.add-stage"), VaadinIcon.PLUS.create(), e -> addStage());
        Button removeStage = new Button(getTranslation("process.remove-stage"), VaadinIcon.TRASH.create(),
                e -> stages.getSelectedItems().stream().findFirst().ifPresent(this::removeStage));
        removeStage.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        VerticalLayout middle = new VerticalLayout(new HorizontalLayout(addStage, removeStage), stages);
        editorSlot.addClassName("funnel-stage-editor");
        add(left, middle, editorSlot);
        setFlexGrow(1, middle);
        setFlexGrow(2, editorSlot);
        reloadPipelines();
    }

    private void reloadPipelines() {
        Pipeline chosen = pipelineList.getValue();
        List<Pipeline> all = pipelines.list();
        pipelineList.setItems(all);
        all.stream().filter(p -> chosen != null && p.id() == chosen.id()).findFirst()
                .or(() -> all.stream().findFirst()).ifPresent(pipelineList::setValue);
    }

    private void showStages(Pipeline pipeline) {
        editorSlot.removeAll();
        stages.setItems(pipeline == null ? List.of() : pipeline.stages());
    }

    private void showEditor(Stage stage) {
        editorSlot.removeAll();
        StageEditor editor = new StageEditor(stage);
        Button save = new Button(getTranslation("action.save"), e -> {
            if (editor.errors().attempt(() -> pipelines.updateStage(stage.id(), stage.version(),
                    editor.draft()))) {
                reloadPipelines();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        editorSlot.add(editor, save);
    }

    private void move(Stage moved, Stage target, boolean below) {
        if (moved == null || moved.id() == target.id()) {
            return;
        }
        List<Long> order = new ArrayList<>(pipelineList.getValue().stages().stream().map(Stage::id).toList());
        order.remove(moved.id());
        int at = order.indexOf(target.id()) + (below ? 1 : 0);
        order.add(at, moved.id());
        new FieldErrors(this).attempt(() -> pipelines.reorder(pipelineList.getValue().id(), order));
        reloadPipelines();
    }

    private void addStage() {
        Pipeline pipeline = pipelineList.getValue();
        TextField en = new TextField(getTranslation("process.name-en"));
        TextField zh = new TextField(getTranslation("process.name-zh"));
        FormDialogs.open(getTranslation("process.add-stage"), new FormLayout(en, zh),
                new FieldErrors(this).bind("nameEn", en).bind("nameZh", zh),
                () -> pipelines.addStage(pipeline.id(), pipeline.stages().size() + 1, new NewStage(en.getValue(),
                        zh.getValue(), 50)), this::reloadPipelines);
    }

    private void removeStage(Stage stage) {
        Select<Stage> target = new Select<>();
        target.setLabel(getTranslation("process.move-deals-to"));
        target.setItems(pipelineList.getValue().stages().stream().filter(s -> s.id() != stage.id()).toList());
        target.setItemLabelGenerator(s -> s.name(getLocale()));
        FormDialogs.open(getTranslation("process.remove-stage-title", stage.name(getLocale())),
                new FormLayout(target),
                new FieldErrors(this).bind("moveOpenDealsTo", target),
                () -> pipelines.removeStage(stage.id(), target.getValue() == null ? null : target.getValue().id()),
                this::reloadPipelines);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.process") + " · " + getTranslation("app.name");
    }
}
