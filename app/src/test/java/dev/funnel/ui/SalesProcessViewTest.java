package dev.funnel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.listbox.ListBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.PipelineService;
import dev.funnel.pipeline.Stage;
import dev.funnel.pipeline.ui.admin.SalesProcessView;
import dev.funnel.plugin.api.StageTemplate;
import dev.funnel.testsupport.KaribuTest;
import dev.funnel.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Admin > Sales process: edit a stage, create a pipeline from a plugin's template. */
class SalesProcessViewTest extends KaribuTest {

    @Autowired
    PipelineService pipelines;

    @Test
    @SuppressWarnings("unchecked")
    void an_admin_renames_a_stage_in_both_languages() {
        Pipeline pipeline = data.gatedPipeline();
        login("admin");
        UI.getCurrent().navigate(SalesProcessView.class);

        ListBox<Pipeline> list = _get(ListBox.class);
        list.setValue(list.getListDataView().getItems().filter(p -> p.id() == pipeline.id()).findFirst().orElseThrow());
        Grid<Stage> stages = _get(Grid.class);
        stages.select(pipeline.stages().get(1));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Name (English)")), "Proposal");
        _setValue(_get(TextField.class, spec -> spec.withLabel("Name (Chinese)")), "方案建议");
        _click(_get(Button.class, spec -> spec.withText("Save")));

        Stage renamed = pipelines.get(pipeline.id()).stages().get(1);
        assertThat(renamed.nameEn()).isEqualTo("Proposal");
        assertThat(renamed.nameZh()).isEqualTo("方案建议");
        assertThat(renamed.exitCriteria()).hasSize(1);
        assertThat(renamed.keyActivities()).hasSize(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_admin_creates_a_pipeline_from_a_plugin_template() {
        login("admin");
        UI.getCurrent().navigate(SalesProcessView.class);
        String name = TestData.unique("现代服务业");

        _click(_get(Button.class, spec -> spec.withText("New pipeline from template")));
        Select<StageTemplate> template = _get(Select.class, spec -> spec.withLabel("Stage template"));
        template.setValue(template.getListDataView().getItems().filter(t -> t.id().equals("modern-services"))
                .findFirst().orElseThrow());
        _setValue(_get(TextField.class, spec -> spec.withLabel("Pipeline name")), name);
        _click(_get(Button.class, spec -> spec.withText("Save")));

        Pipeline created = pipelines.list().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        assertThat(created.templateId()).isEqualTo("modern-services");
        assertThat(created.stages()).allSatisfy(s -> assertThat(s.exitCriteria()).isNotEmpty());
    }

    @Test
    void an_admin_creates_a_blank_pipeline_with_its_stages_one_per_line() {
        login("admin");
        UI.getCurrent().navigate(SalesProcessView.class);
        String name = TestData.unique("CRM sales opportunities");

        _click(_get(Button.class, spec -> spec.withText("New pipeline")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Pipeline name")), name);
        _setValue(_get(TextArea.class, spec -> spec.withLabel("Stages, in order")),
                "Prospecting / 潜在客户\n\nEngaging / 接洽中\nNegotiating");
        _click(_get(Button.class, spec -> spec.withText("Save")));

        Pipeline created = pipelines.list().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        assertThat(created.templateId()).isNull();
        assertThat(created.stages()).extracting(Stage::nameEn, Stage::nameZh, Stage::probability).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Prospecting", "潜在客户", 10),
                org.assertj.core.groups.Tuple.tuple("Engaging", "接洽中", 50),
                org.assertj.core.groups.Tuple.tuple("Negotiating", "Negotiating", 90));
    }
}
