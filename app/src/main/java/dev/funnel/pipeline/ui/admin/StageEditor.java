package dev.funnel.pipeline.ui.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.pipeline.Stage;
import dev.funnel.pipeline.StageDraft;
import dev.funnel.plugin.api.AssigneeRole;
import dev.funnel.plugin.api.ForecastCategory;
import dev.funnel.plugin.api.OpportunityField;
import dev.funnel.platform.ui.FieldErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The editor of one stage: names in both languages, probability, forecast category, stalled-after days, the exit
 * criteria and the key activities. Rows keep the id of what they edit, so confirmations and tasks stay attached.
 */
class StageEditor extends VerticalLayout {

    final TextField nameEn = new TextField();
    final TextField nameZh = new TextField();
    final IntegerField probability = new IntegerField();
    final Select<ForecastCategory> forecast = new Select<>();
    final IntegerField stalledAfter = new IntegerField();
    private final VerticalLayout criteria = new VerticalLayout();
    private final VerticalLayout activities = new VerticalLayout();
    private final List<Supplier<StageDraft.CriterionDraft>> criterionRows = new ArrayList<>();
    private final List<Supplier<StageDraft.KeyActivityDraft>> activityRows = new ArrayList<>();
    private final FieldErrors errors = new FieldErrors(this);

    StageEditor(Stage stage) {
        setPadding(false);
        nameEn.setLabel(getTranslation("process.name-en"));
        nameZh.setLabel(getTranslation("process.name-zh"));
        probability.setLabel(getTranslation("process.probability"));
        probability.setMin(0);
        probability.setMax(100);
        forecast.setLabel(getTranslation("process.forecast"));
        forecast.setItems(ForecastCategory.values());
        forecast.setItemLabelGenerator(c -> getTranslation("forecast." + c.name()));
        stalledAfter.setLabel(getTranslation("process.stalled-after"));
        nameEn.setValue(stage.nameEn());
        nameZh.setValue(stage.nameZh());
        probability.setValue(stage.probability());
        forecast.setValue(stage.forecastCategory());
        stalledAfter.setValue(stage.stalledAfterDays());
        errors.bind("nameEn", nameEn).bind("nameZh", nameZh).bind("probability", probability)
                .bind("stalledAfterDays", stalledAfter);
        criteria.setPadding(false);
        activities.setPadding(false);
        StageDraft.of(stage).exitCriteria().forEach(this::addCriterion);
        StageDraft.of(stage).keyActivities().forEach(this::addActivity);
        Button addCriterion = new Button(getTranslation("process.add-criterion"), VaadinIcon.PLUS.create(),
                e -> addCriterion(new StageDraft.CriterionDraft(null, "", "", null)));
        Button addActivity = new Button(getTranslation("process.add-activity"), VaadinIcon.PLUS.create(),
                e -> addActivity(new StageDraft.KeyActivityDraft(null, "", "", null, null, 3, AssigneeRole.OWNER, false)));
        List.of(addCriterion, addActivity).forEach(b -> b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL));
        add(new FormLayout(nameEn, nameZh, probability, forecast, stalledAfter),
                new H3(getTranslation("process.criteria")), criteria, addCriterion,
                new H3(getTranslation("process.activities")), activities, addActivity);
    }

    private void addCriterion(StageDraft.CriterionDraft draft) {
        TextField en = new TextField(null, draft.textEn(), getTranslation("process.text-en"));
        TextField zh = new TextField(null, draft.textZh(), getTranslation("process.text-zh"));
        Select<OpportunityField> field = new Select<>();
        field.setItems(OpportunityField.values());
        field.setEmptySelectionAllowed(true);
        field.setEmptySelectionCaption(getTranslation("process.checklist-item"));
        field.setItemLabelGenerator(f -> f == null ? getTranslation("process.checklist-item")
                : getTranslation("process.field." + f.name()));
        field.setValue(draft.requiredField());
        HorizontalLayout row = new HorizontalLayout(en, zh, field);
        Supplier<StageDraft.CriterionDraft> reader = () -> new StageDraft.CriterionDraft(draft.id(), en.getValue(),
                zh.getValue(), field.getValue());
        row.add(removeButton(() -> {
            criteria.remove(row);
            criterionRows.remove(reader);
        }));
        criterionRows.add(reader);
        criteria.add(row);
    }

    private void addActivity(StageDraft.KeyActivityDraft draft) {
        TextField en = new TextField(null, draft.titleEn(), getTranslation("process.text-en"));
        TextField zh = new TextField(null, draft.titleZh(), getTranslation("process.text-zh"));
        IntegerField due = new IntegerField();
        due.setValue(draft.dueDays());
        due.setPlaceholder(getTranslation("process.due-days"));
        due.addClassName("funnel-narrow");
        Select<AssigneeRole> role = new Select<>();
        role.setItems(AssigneeRole.values());
        role.setItemLabelGenerator(r -> getTranslation("process.assignee." + r.name()));
        role.setValue(draft.assignee());
        Checkbox required = new Checkbox(getTranslation("task.required"), draft.required());
        HorizontalLayout row = new HorizontalLayout(en, zh, due, role, required);
        row.setAlignItems(Alignment.BASELINE);
        Supplier<StageDraft.KeyActivityDraft> reader = () -> new StageDraft.KeyActivityDraft(draft.id(), en.getValue(),
                zh.getValue(), draft.guidanceEn(), draft.guidanceZh(), due.getValue() == null ? 0 : due.getValue(),
                role.getValue(), required.getValue());
        row.add(removeButton(() -> {
            activities.remove(row);
            activityRows.remove(reader);
        }));
        activityRows.add(reader);
        activities.add(row);
    }

    private Button removeButton(Runnable remove) {
        Button button = new Button(VaadinIcon.TRASH.create(), e -> remove.run());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        button.setAriaLabel(getTranslation("process.remove"));
        return button;
    }

    StageDraft draft() {
        return new StageDraft(nameEn.getValue(), nameZh.getValue(),
                probability.getValue() == null ? -1 : probability.getValue(), forecast.getValue(),
                stalledAfter.getValue() == null ? 0 : stalledAfter.getValue(),
                criterionRows.stream().map(Supplier::get).toList(), activityRows.stream().map(Supplier::get).toList());
    }

    FieldErrors errors() {
        return errors;
    }
}
