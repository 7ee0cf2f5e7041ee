package dev.funnel.platform.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.funnel.platform.ExportColumn;
import dev.funnel.platform.ExportWritten;
import dev.funnel.platform.SpreadsheetExport;
import dev.funnel.platform.SpreadsheetExport.Format;
import dev.funnel.platform.PageRequest;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * 'Export' on a list: the rows the list shows under its current filters, through the same service call (so the
 * caller's visibility applies), with the list's columns, as CSV or Excel. Rows are read a page at a time while
 * the file is written, so a long list never sits in memory whole.
 *
 * @param <T> the list's row
 */
public class ExportMenu<T> extends MenuBar {

    private static final int PAGE = PageRequest.MAX_SIZE;

    /**
     * @param listName the list's name in the file name ('customers')
     * @param columns  the list's columns as they are when the user exports
     * @param pages    the list's service call with its current filters, one page at a time
     */
    public ExportMenu(String listName, Supplier<List<ExportColumn<T>>> columns, Function<PageRequest, List<T>> pages) {
        addThemeVariants(MenuBarVariant.LUMO_TERTIARY, MenuBarVariant.LUMO_DROPDOWN_INDICATORS);
        MenuItem export = addItem(VaadinIcon.DOWNLOAD_ALT.create());
        export.add(getTranslation("export.menu"));
        SubMenu formats = export.getSubMenu();
        for (Format format : Format.values()) {
            DownloadHandler download = event -> {
                event.setFileName(SpreadsheetExport.fileName(listName, format));
                event.setContentType(format.mediaType());
                // the download runs outside the UI's request: without its UI as the current one, every
                // translation (headers, statuses) fell back to the first bundle, Chinese, in an English session
                UI before = UI.getCurrent();
                UI.setCurrent(event.getUI());
                int[] written = {0};
                boolean completed = false;
                try {
                    SpreadsheetExport.write(format, columns.get(), () -> counted(new Pages<>(pages), written),
                            ZoneId.systemDefault(), event.getOutputStream());
                    completed = true;
                } finally {
                    UI.setCurrent(before);
                    published(new ExportWritten(listName, format.extension(), written[0], completed));
                }
            };
            Anchor link = new Anchor(download, AttachmentType.DOWNLOAD, getTranslation("export." + format.extension()));
            formats.addItem(link);
        }
    }

    private static <T> Iterator<T> counted(Iterator<T> rows, int[] count) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public T next() {
                count[0]++;
                return rows.next();
            }
        };
    }

    /** Tells the application (the audit trail) what was exported; the menu is not a bean, so it asks the servlet's. */
    private static void published(ExportWritten export) {
        com.vaadin.flow.server.VaadinServlet servlet = com.vaadin.flow.server.VaadinServlet.getCurrent();
        if (servlet != null) {
            org.springframework.web.context.WebApplicationContext context = org.springframework.web.context.support
                    .WebApplicationContextUtils.getWebApplicationContext(servlet.getServletContext());
            if (context != null) {
                context.publishEvent(export);
            }
        }
    }

    /** Every row, fetched a page at a time as the writer asks for them. */
    private static final class Pages<T> implements Iterator<T> {

        private final Function<PageRequest, List<T>> fetch;
        private List<T> page = List.of();
        private int index;
        private int pageNumber;
        private boolean last;

        Pages(Function<PageRequest, List<T>> fetch) {
            this.fetch = fetch;
        }

        @Override
        public boolean hasNext() {
            if (index < page.size()) {
                return true;
            }
            if (last) {
                return false;
            }
            page = fetch.apply(PageRequest.of(pageNumber++, PAGE));
            index = 0;
            last = page.size() < PAGE;
            return !page.isEmpty();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(index++);
        }
    }
}
