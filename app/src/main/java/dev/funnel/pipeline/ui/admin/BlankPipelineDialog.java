package dev.funnel.pipeline.ui.admin;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.FormDialogs;
import java.util.ArrayList;
import java.util.List;

/**
 * 'New pipeline': a name and its stages, one per line ('Prospecting / 潜在客户'), for a process no template fits
 * (an imported data set's, for example). Probabilities are spread evenly and, like everything else, edited after.
 */
final class BlankPipelineDialog {

    private BlankPipelineDialog() {
    }

    static void open(Component owner, PipelineService pipelines, Runnable created) {
        TextField name = new TextField(owner.getTranslation("process.pipeline-name"));
        TextArea stages = new TextArea(owner.getTranslation("process.stage-lines"));
        stages.setHelperText(owner.getTranslation("process.stage-lines.help"));
        stages.setMinHeight("8em");
        Checkbox isDefault = new Checkbox(owner.getTranslation("process.default"));
        FormLayout form = new FormLayout(name, isDefault, stages);
        form.setColspan(stages, 2);
        FormDialogs.open(owner.getTranslation("process.new-blank"), form,
                new FieldErrors(owner).bind("name", name).bind("stages", stages),
                () -> pipelines.create(new NewPipeline(name.getValue(), null, isDefault.getValue(),
                        stages(stages.getValue()))), created);
    }

    /** One stage per non-empty line: 'English / 中文', or one name for both; 10 % to 90 %, evenly apart. */
    static List<NewStage> stages(String lines) {
        List<String[]> names = new ArrayList<>();
        for (String line : lines == null ? new String[0] : lines.split("\\R", -1)) {
            if (!line.isBlank()) {
                String[] parts = line.split("[/／]", 2);
                String en = parts[0].trim();
                names.add(new String[] {en, parts.length > 1 && !parts[1].isBlank() ? parts[1].trim() : en});
            }
        }
        List<NewStage> stages = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int probability = names.size() == 1 ? 50 : 10 + Math.round(80f * i / (names.size() - 1));
            stages.add(new NewStage(names.get(i)[0], names.get(i)[1], probability));
        }
        return stages;
    }
}
