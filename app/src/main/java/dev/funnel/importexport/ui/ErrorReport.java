package dev.funnel.importexport.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.funnel.platform.ExportColumn;
import dev.funnel.importexport.ImportError;
import dev.funnel.platform.SpreadsheetExport;
import dev.funnel.platform.SpreadsheetExport.Format;
import java.time.ZoneId;
import java.util.List;

/** The problems of an import, row by row, with the same list as a downloadable CSV (row, column, value, reason). */
class ErrorReport extends VerticalLayout {

    ErrorReport(List<ImportError> errors) {
        setPadding(false);
        if (errors.isEmpty()) {
            return;
        }
        Grid<ImportError> grid = new Grid<>();
        grid.addColumn(ImportError::row).setHeader(getTranslation("import.error.row")).setAutoWidth(true);
        grid.addColumn(ImportError::column).setHeader(getTranslation("import.error.column")).setAutoWidth(true);
        grid.addColumn(ImportError::value).setHeader(getTranslation("import.error.value"));
        grid.addColumn(ImportError::reason).setHeader(getTranslation("import.error.reason")).setFlexGrow(3);
        grid.setItems(errors);
        grid.setAllRowsVisible(errors.size() <= 10);
        List<ExportColumn<ImportError>> columns = List.of(
                new ExportColumn<>(getTranslation("import.error.row"), ImportError::row),
                new ExportColumn<>(getTranslation("import.error.column"), ImportError::column),
                new ExportColumn<>(getTranslation("import.error.value"), ImportError::value),
                new ExportColumn<>(getTranslation("import.error.reason"), ImportError::reason));
        Anchor download = new Anchor(event -> {
            event.setFileName(SpreadsheetExport.fileName("import-errors", Format.CSV));
            event.setContentType(Format.CSV.mediaType());
            SpreadsheetExport.write(Format.CSV, columns, errors, ZoneId.systemDefault(), event.getOutputStream());
        }, AttachmentType.DOWNLOAD, getTranslation("import.error.download"));
        add(download, grid);
    }
}
