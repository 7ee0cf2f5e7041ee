package dev.funnel.pipeline.ui.admin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import dev.funnel.plugin.api.StageTemplate;
import java.util.List;
import java.util.Locale;

/** 'New pipeline from template': the templates of the loaded plugins, with a preview of their stages. */
final class TemplateDialog {

    private TemplateDialog() {
    }

    static void open(Component owner, List<StageTemplate> templates, PipelineService pipelines, Runnable created) {
        Locale locale = UI.getCurrent().getLocale();
        Select<StageTemplate> template = new Select<>();
        template.setLabel(owner.getTranslation("process.template"));
        template.setItems(templates);
        template.setItemLabelGenerator(t -> t.name().in(locale));
        TextField name = new TextField(owner.getTranslation("process.pipeline-name"));
        Checkbox isDefault = new Checkbox(owner.getTranslation("process.default"));
        Div preview = new Div();
        template.addValueChangeListener(e -> {
            preview.removeAll();
            StageTemplate chosen = e.getValue();
            if (chosen != null) {
                name.setValue(chosen.name().in(locale));
                preview.add(new Paragraph(chosen.description().in(locale)));
                OrderedList stages = new OrderedList();
                chosen.stages().forEach(s -> stages.add(new ListItem(s.name().in(locale) + " · "
                        + s.probability() + "% · " + owner.getTranslation("process.preview-counts",
                        s.exitCriteria().size(), s.keyActivities().size()))));
                preview.add(stages);
            }
        });
        templates.stream().findFirst().ifPresent(template::setValue);
        FormLayout form = new FormLayout(template, name, isDefault, preview);
        form.setColspan(preview, 2);
        FormDialogs.open(owner.getTranslation("process.new-from-template"), form,
                new FieldErrors(owner).bind("templateId", template).bind("name", name),
                () -> pipelines.createFromTemplate(template.getValue() == null ? null : template.getValue().id(),
                        name.getValue(), isDefault.getValue()), created);
    }
}
