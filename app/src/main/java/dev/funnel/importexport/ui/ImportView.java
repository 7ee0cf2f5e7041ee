package dev.funnel.importexport.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.funnel.importexport.ImportCheck;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportJobs;
import dev.funnel.importexport.ImportMapping;
import dev.funnel.importexport.ImportMode;
import dev.funnel.importexport.ImportPreview;
import dev.funnel.importexport.ImportResult;
import dev.funnel.importexport.ImportService;
import dev.funnel.importexport.SavedMapping;
import dev.funnel.identity.Role;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.ui.FieldErrors;
import dev.funnel.platform.ui.Push;
import dev.funnel.platform.ui.Uploads;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The import wizard: Upload (encoding detected or chosen) → Map columns (saved mappings offered) → Check every
 * row → Import (in the background, with a progress bar) → Result, with a downloadable error report.
 */
@Route("import")
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
public class ImportView extends VerticalLayout implements HasDynamicTitle {

    /** A mapping is a few kilobytes of JSON; anything much larger is not one. */
    private static final int MAPPING_FILE_LIMIT = 256 * 1024;

    private final ImportService imports;
    private final ImportJobs jobs;
    private final Select<ImportEntity> entity = new Select<>();
    private final Select<String> encoding = new Select<>();
    private final Span steps = new Span();
    private final VerticalLayout body = new VerticalLayout();
    private byte[] content;
    private ImportPreview preview;
    private MappingEditor editor;

    public ImportView(ImportService imports, ImportJobs jobs) {
        this.imports = imports;
        this.jobs = jobs;
        H2 title = new H2(getTranslation("nav.import"));
        title.addClassName("funnel-view-title");
        steps.addClassName("funnel-fact");
        body.setPadding(false);
        add(new HorizontalLayout(title, steps), body);
        upload();
    }

    private void step(int number) {
        steps.setText(getTranslation("import.steps." + number));
        body.removeAll();
    }

    private void upload() {
        step(1);
        entity.setLabel(getTranslation("import.entity"));
        entity.setItems(ImportEntity.values());
        entity.setItemLabelGenerator(e -> getTranslation("import.entity." + e.key()));
        entity.setValue(ImportEntity.CUSTOMERS);
        encoding.setLabel(getTranslation("import.encoding"));
        encoding.setItems("", "UTF-8", "GBK");
        encoding.setItemLabelGenerator(e -> e.isEmpty() ? getTranslation("import.encoding.detect") : e);
        encoding.setValue("");
        Span problem = new Span();
        problem.addClassName("funnel-guide-missing");
        UI ui = UI.getCurrent();
        // the upload's callback runs without the session lock: the page is changed inside ui.access
        Upload upload = new Upload(UploadHandler.inMemory((metadata, data) -> Push.access(ui, () -> {
            content = data;
            preview = imports.preview(data, charset(), getLocale());
            if (preview.problem() != null) {
                problem.setText(preview.problem());
            } else {
                map(ImportMapping.of(Map.of()));
            }
        })));
        Uploads.translated(upload);
        upload.setAcceptedFileTypes(".csv", ".xlsx", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, imports.maxBytes()));
        upload.addFileRejectedListener(e -> problem.setText(e.getErrorMessage()));
        body.add(new HorizontalLayout(entity, encoding), upload, problem);
    }

    private void map(ImportMapping saved) {
        step(2);
        List<SavedMapping> savedMappings = imports.savedMappings(entity.getValue());
        ComboBox<SavedMapping> reuse = new ComboBox<>(getTranslation("import.saved"), savedMappings);
        reuse.setItemLabelGenerator(SavedMapping::name);
        reuse.setVisible(!savedMappings.isEmpty());
        reuse.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                map(e.getValue().mapping());
            }
        });
        editor = new MappingEditor(preview.headers(), imports.fields(entity.getValue()),
                imports.suggestColumns(entity.getValue(), preview.headers(), saved), saved);
        Span loadProblem = new Span();
        loadProblem.addClassName("funnel-guide-missing");
        // a mapping file shipped with the data (docs/examples/…) or saved elsewhere, loaded as it is
        Upload load = Uploads.translated(new Upload(UploadHandler.inMemory((metadata, data) -> Push.access(
                UI.getCurrent(), () -> {
                    try {
                        map(Json.parseRest(new String(data, StandardCharsets.UTF_8)));
                    } catch (InvalidInputException bad) {
                        loadProblem.setText(getTranslation(bad.problems().get(0).messageKey(),
                                bad.problems().get(0).arguments().toArray()));
                    }
                }))));
        load.setAcceptedFileTypes(".json", "application/json");
        load.setMaxFileSize(MAPPING_FILE_LIMIT);
        load.setUploadButton(new Button(getTranslation("import.load-mapping")));
        load.setDropAllowed(false);
        TextField name = new TextField(getTranslation("import.save-as"));
        FieldErrors errors = new FieldErrors(body).bind("name", name).bind("advanced", editor.advanced());
        Button save = new Button(getTranslation("import.save"),
                e -> errors.attempt(() -> imports.saveMapping(entity.getValue(), name.getValue(), editor.mapping())));
        Button check = new Button(getTranslation("import.check"));
        check.addClickListener(e -> check(check, errors));
        check.setDisableOnClick(true);
        check.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Grid<List<String>> sample = new Grid<>();
        for (int c = 0; c < preview.headers().size(); c++) {
            int column = c;
            sample.addColumn(row -> row.get(column)).setHeader(preview.headers().get(c)).setAutoWidth(true);
        }
        sample.setItems(preview.sample());
        sample.setAllRowsVisible(true);
        Span facts = new Span(getTranslation("import.file-facts", preview.rows(),
                preview.encoding() == null ? "XLSX" : preview.encoding()));
        body.add(facts, new HorizontalLayout(reuse, load), loadProblem, editor, new HorizontalLayout(name, save),
                sample, check);
    }

    /** Checks every row in the background; the page shows that it is checking and stays usable meanwhile. */
    private void check(Button check, FieldErrors errors) {
        ImportMapping mapping = editor.mapping();
        ProgressBar checking = new ProgressBar();
        checking.setIndeterminate(true);
        Span label = new Span(getTranslation("import.checking"));
        body.add(label, checking);
        UI ui = UI.getCurrent();
        jobs.check(entity.getValue(), content, charset(), mapping, getLocale(),
                result -> Push.access(ui, () -> checked(mapping, result)),
                failure -> Push.access(ui, () -> {
                    body.remove(label, checking);
                    check.setEnabled(true);
                    errors.attempt(() -> {
                        throw failure;
                    });
                }));
    }

    private void checked(ImportMapping mapping, ImportCheck result) {
        step(3);
        Checkbox validOnly = new Checkbox(getTranslation("import.valid-only"));
        validOnly.setVisible(!result.errors().isEmpty() && result.valid() > 0);
        Button run = new Button(getTranslation("import.run", result.valid()), e -> run(mapping,
                validOnly.getValue() ? ImportMode.VALID_ONLY : ImportMode.ALL));
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setEnabled(result.errors().isEmpty());
        validOnly.addValueChangeListener(e -> run.setEnabled(result.errors().isEmpty() || e.getValue()));
        Button back = new Button(getTranslation("import.back"), e -> map(mapping));
        body.add(new Span(getTranslation("import.check-facts", result.rows(), result.valid(), result.errors().size())),
                new ErrorReport(result.errors()), validOnly, new HorizontalLayout(back, run));
    }

    private void run(ImportMapping mapping, ImportMode mode) {
        step(4);
        ProgressBar bar = new ProgressBar(0, 1);
        body.add(new Span(getTranslation("import.running")), bar);
        UI ui = UI.getCurrent();
        jobs.start(entity.getValue(), content, charset(), mapping, mode, getLocale(),
                share -> Push.access(ui, () -> bar.setValue(share)),
                result -> Push.access(ui, () -> result(result)),
                failure -> Push.access(ui, () -> body.add(new Span(getTranslation("import.failed")))));
    }

    private void result(ImportResult result) {
        step(5);
        Span outcome = new Span(getTranslation("import.result." + result.status().name(), result.imported(),
                result.rows(), result.errors().size()));
        outcome.addClassName("funnel-import-outcome");
        Button again = new Button(getTranslation("import.again"), e -> upload());
        HorizontalLayout next = new HorizontalLayout(again);
        String list = listOf(entity.getValue());
        if (list != null && result.imported() > 0) {
            Button open = new Button(getTranslation("import.open." + entity.getValue().key()),
                    e -> UI.getCurrent().navigate(list));
            open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            next.addComponentAsFirst(open);
        }
        body.add(outcome, new ErrorReport(result.errors()), next);
    }

    /** Where the imported records are listed, or null where no list shows them. */
    private static String listOf(ImportEntity imported) {
        return switch (imported) {
            case USERS -> "admin/users";
            case CUSTOMERS, CONTACTS -> "customers";
            case OPPORTUNITIES -> "opportunities";
            case TARGETS -> "targets";
            case EXCHANGE_RATES -> "admin/currencies";
            case PRODUCTS -> null;
        };
    }

    private Charset charset() {
        return encoding.getValue() == null || encoding.getValue().isEmpty() ? null
                : Charset.forName(encoding.getValue());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.import") + " · " + getTranslation("app.name");
    }
}
