package dev.funnel.plugin.ui;

import dev.funnel.platform.Texts;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.funnel.identity.Role;
import dev.funnel.platform.Formats;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.plugin.PluginLogLine;
import dev.funnel.plugin.PluginRecord;
import dev.funnel.plugin.PluginSettingsService;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.RecordKind;
import dev.funnel.plugin.api.SettingField;
import dev.funnel.plugin.api.SettingType;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admin &gt; Plugins &gt; one plugin: the records administrators enter for it (the forms its PluginSettings
 * declares, for example webhook targets) and its log, newest first.
 */
@Route("admin/plugins/:pluginId")
@RolesAllowed(Role.Names.ADMIN)
public class PluginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final PluginSettingsService settings;
    private String pluginId;
    final VerticalLayout kinds = new VerticalLayout();
    final Grid<PluginLogLine> log = new Grid<>();

    private final List<PluginPageSection> sections;

    public PluginView(PluginSettingsService settings, List<PluginPageSection> sections) {
        this.settings = settings;
        this.sections = sections;
        setSizeFull();
        kinds.setPadding(false);
        log.addColumn(line -> Formats.dateTime(line.at(), ZoneId.systemDefault(), getLocale()))
                .setHeader(getTranslation("plugin.log.at")).setAutoWidth(true);
        log.addColumn(PluginLogLine::subject).setHeader(getTranslation("plugin.log.subject")).setAutoWidth(true);
        log.addColumn(PluginLogLine::target).setHeader(getTranslation("plugin.log.target")).setFlexGrow(2);
        log.addColumn(PluginLogLine::status).setHeader(getTranslation("plugin.log.status")).setAutoWidth(true);
        log.addColumn(PluginLogLine::attempt).setHeader(getTranslation("plugin.log.attempt")).setAutoWidth(true);
        log.addColumn(line -> line.code() == null ? "" : line.code().toString())
                .setHeader(getTranslation("plugin.log.code")).setAutoWidth(true);
        log.addColumn(PluginLogLine::detail).setHeader(getTranslation("plugin.log.detail")).setFlexGrow(3);
        log.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        log.setId("plugin-log");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        pluginId = event.getRouteParameters().get("pluginId").orElse("");
        removeAll();
        H2 title = new H2(getTranslation("plugin.settings.title", pluginId));
        title.addClassName("funnel-view-title");
        Button refresh = new Button(getTranslation("plugin.log.refresh"), e -> showLog());
        add(title);
        sections.forEach(section -> section.sectionsFor(pluginId, getLocale()).forEach(this::add));
        add(kinds, new HorizontalLayout(new H3(getTranslation("plugin.log")), refresh), log);
        expand(log);
        showKinds();
        showLog();
    }

    private void showKinds() {
        kinds.removeAll();
        var declared = settings.kinds(pluginId);
        if (declared.isEmpty()) {
            kinds.add(new Span(getTranslation("plugin.settings.none")));
        }
        for (RecordKind kind : declared) {
            Grid<PluginRecord> records = new Grid<>();
            for (SettingField field : kind.fields()) {
                records.addColumn(r -> r.values().getOrDefault(field.key(), ""))
                        .setHeader(text(field.label())).setFlexGrow(field.type() == SettingType.URL ? 3 : 1);
            }
            records.addComponentColumn(r -> {
                Button edit = new Button(getTranslation("plugin.settings.edit"), e -> edit(kind, r));
                Button delete = new Button(getTranslation("plugin.settings.delete"), e -> {
                    settings.delete(pluginId, r.id(), r.version());
                    showKinds();
                });
                edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY,
                        ButtonVariant.LUMO_ERROR);
                return new HorizontalLayout(edit, delete);
            }).setKey("actions").setAutoWidth(true);
            records.setItems(settings.records(pluginId, kind.name()));
            records.setAllRowsVisible(true);
            records.addThemeVariants(GridVariant.LUMO_COMPACT);
            records.setId("records-" + kind.name());
            Button add = new Button(getTranslation("plugin.settings.add", text(kind.label())), e -> edit(kind, null));
            add.setId("add-" + kind.name());
            kinds.add(new HorizontalLayout(new H3(text(kind.label())), add), records);
        }
    }

    /** The form of a record: one field per declared field, checked by the service on save. */
    private void edit(RecordKind kind, PluginRecord record) {
        RecordForm form = new RecordForm(kind, record);
        form.open();
    }

    /** A dialog with the record's fields; package-visible for tests. */
    class RecordForm extends Dialog {

        final Map<String, HasValue<?, ?>> fields = new LinkedHashMap<>();
        final Button save = new Button(getTranslation("plugin.settings.save"));

        RecordForm(RecordKind kind, PluginRecord record) {
            setHeaderTitle(text(kind.label()));
            FormLayout layout = new FormLayout();
            FieldErrors errors = new FieldErrors(PluginView.this);
            for (SettingField field : kind.fields()) {
                String value = record == null ? null : record.values().get(field.key());
                HasValue<?, ?> input = switch (field.type()) {
                    case SECRET -> {
                        PasswordField secret = new PasswordField(text(field.label()));
                        secret.setValue(value == null ? "" : value);
                        yield secret;
                    }
                    case CHOICES -> {
                        CheckboxGroup<String> choices = new CheckboxGroup<>(text(field.label()));
                        choices.setItems(field.choices());
                        if (value != null) {
                            choices.setValue(new LinkedHashSet<>(Arrays.stream(value.split(","))
                                    .map(String::trim).toList()));
                        }
                        yield choices;
                    }
                    default -> {
                        TextField text = new TextField(text(field.label()));
                        text.setValue(value == null ? "" : value);
                        text.setWidthFull();
                        yield text;
                    }
                };
                ((com.vaadin.flow.component.HasElement) input).getElement().setProperty("required", field.required());
                errors.bind(field.key(), (HasValidation) input);
                fields.put(field.key(), input);
                layout.add((com.vaadin.flow.component.Component) input);
            }
            add(layout);
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> {
                if (errors.attempt(() -> settings.save(pluginId, kind.name(), record == null ? null : record.id(),
                        record == null ? null : record.version(), values()))) {
                    close();
                    showKinds();
                }
            });
            getFooter().add(new Button(getTranslation("plugin.settings.cancel"), e -> close()), save);
        }

        private Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            fields.forEach((key, input) -> {
                Object value = input.getValue();
                values.put(key, value instanceof Set<?> set ? String.join(",", set.stream().map(String::valueOf)
                        .toList()) : value == null ? "" : value.toString());
            });
            return values;
        }
    }

    private void showLog() {
        log.setItems(settings.log(pluginId, 200));
    }

    private String text(LocalizedText text) {
        return Texts.pick(getLocale(), text.en(), text.zh());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("plugin.settings.title", pluginId) + " · " + getTranslation("app.name");
    }
}
