package dev.funnel.importexport;

import dev.funnel.importexport.internal.CellError;
import dev.funnel.importexport.internal.EntityImporter;
import dev.funnel.importexport.internal.FileRefusedException;
import dev.funnel.importexport.internal.MappingRepository;
import dev.funnel.importexport.internal.RowReader;
import dev.funnel.importexport.internal.Table;
import dev.funnel.importexport.internal.TableReader;
import dev.funnel.audit.AuditLog;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.Messages;
import dev.funnel.platform.RowProblem;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleConsumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import java.util.concurrent.Semaphore;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a file: reads it, maps its columns, reads every row, lets the owning module check every record, and
 * then writes all rows or none (the default), or, when asked, the valid rows only. It runs in one transaction,
 * so a failure while writing leaves nothing behind either.
 */
@Service
@Transactional(readOnly = true)
@RolesAllowed({Role.Names.ADMIN, Role.Names.SALES_MANAGER})
public class ImportService {

    private static final int SAMPLE = 10;

    private final Map<ImportEntity, EntityImporter<?>> importers = new HashMap<>();
    private final Messages messages;
    private final MappingRepository mappings;
    private final UserService users;
    private final long maxBytes;
    private final TableReader.Limits limits;
    /**
     * An import holds its rows' records until they are written, so imports take turns: two managers' large
     * files at once would need twice the memory the limits were chosen for.
     */
    private final Semaphore turn = new Semaphore(1, true);
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    private final AuditLog audit;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    ImportService(List<EntityImporter<?>> importers, Messages messages, MappingRepository mappings,
                  UserService users,
                  @Value("${funnel.import.max-size:50MB}") org.springframework.util.unit.DataSize maxSize,
                  @Value("${funnel.import.max-rows:500000}") int maxRows, TransactionTemplate transaction,
                  AuditLog audit, io.micrometer.core.instrument.MeterRegistry meters) {
        this.audit = audit;
        this.meters = meters;
        this.transaction = transaction;
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager(), transaction);
        this.readOnly.setReadOnly(true);
        importers.forEach(i -> this.importers.put(i.entity(), i));
        this.messages = messages;
        this.mappings = mappings;
        this.users = users;
        this.maxBytes = maxSize.toBytes();
        // a file's cells may hold twice its size in text: compressed workbooks hold more than their bytes
        this.limits = new TableReader.Limits(maxRows, 2 * maxBytes);
    }

    /** The file's columns and first rows, or why it cannot be read, for the wizard's mapping step. */
    public ImportPreview preview(byte[] content, Charset charset, Locale locale) {
        if (content.length > maxBytes) {
            return new ImportPreview(List.of(), List.of(), 0, null, messages.get("import.file.too-big", locale,
                    mb(content.length), mb(maxBytes)));
        }
        try (Table table = TableReader.read(content, charset, limits)) {
            List<List<String>> sample = table.sample().stream().limit(SAMPLE)
                    .map(r -> java.util.stream.IntStream.range(0, table.headers().size()).mapToObj(r::cell).toList())
                    .toList();
            return new ImportPreview(table.headers(), sample, table.rowCount(), table.encoding(), null);
        } catch (FileRefusedException e) {
            String reason = messages.get(e.messageKey(), locale, e.arguments().toArray());
            return new ImportPreview(List.of(), List.of(), 0, null,
                    e.row() == null ? reason : messages.get("import.problem.row", locale, e.row(), reason));
        }
    }

    /** A dry run: everything an import does except writing. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public ImportCheck validate(ImportEntity entity, byte[] content, Charset charset, ImportMapping mapping,
                                Locale locale) {
        Run<?> run = new Run<>(importer(entity), mapping, ImportMode.VALID_ONLY, locale, null);
        run.dryRun = true;
        ImportResult result = inTurn(() -> readOnly.execute(status -> run.execute(content, charset)));
        return new ImportCheck(result.rows(), result.imported(), result.errors());
    }

    public List<SavedMapping> savedMappings(ImportEntity entity) {
        return mappings.find(entity);
    }

    @Transactional
    public void saveMapping(ImportEntity entity, String name, ImportMapping mapping) {
        dev.funnel.platform.Checks.start().required("name", name).maxLength("name", name, 100).orThrow();
        mappings.save(entity, name, mapping, users.current().id());
    }

    /** The fields a column of this kind of file can map to, required ones first. */
    public List<ImportField> fields(ImportEntity entity) {
        return importer(entity).fields();
    }

    /**
     * The field each column of a file most likely holds: a saved mapping's choice for the column first, else the
     * field whose name or one of whose usual headers (客户名称, 金额, Account, Close Date …) the column's header
     * is, ignoring case, spaces and punctuation. A field is suggested for one column at most; a column with no
     * match is absent.
     */
    public Map<String, String> suggestColumns(ImportEntity entity, List<String> headers, ImportMapping saved) {
        List<ImportField> fields = fields(entity);
        Map<String, String> suggested = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String header : headers) {
            String field = saved.columns().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(header) && e.getValue() != null
                            && fields.stream().anyMatch(f -> f.name().equals(e.getValue())))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseGet(() -> fields.stream().filter(f -> known(f, header)).map(ImportField::name)
                            .findFirst().orElse(null));
            if (field != null && taken.add(field)) {
                suggested.put(header, field);
            }
        }
        return suggested;
    }

    private static boolean known(ImportField field, String header) {
        String plain = plain(header);
        return !plain.isEmpty() && (plain.equals(plain(field.name()))
                || field.headers().stream().anyMatch(h -> plain(h).equals(plain)));
    }

    /** A header as compared: lower case, without spaces, punctuation, underscores or full-width brackets. */
    private static String plain(String header) {
        return header == null ? "" : header.toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Punct}（）【】：，、·]", "");
    }

    /** The largest file accepted, in bytes ({@code funnel.import.max-size}). */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Runs an import.
     *
     * @param charset  the encoding the user chose for a CSV file, or null to detect UTF-8 (with or without BOM)
     *                 or GBK
     * @param progress told the share done so far, from 0 to 1, for a progress bar
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public ImportResult run(ImportEntity entity, byte[] content, Charset charset, ImportMapping mapping,
                            ImportMode mode, Locale locale, DoubleConsumer progress) {
        Run<?> run = new Run<>(importer(entity), mapping, mode, locale, progress);
        // the transaction starts once it is this import's turn, so a waiting import holds no connection
        // the audit entry commits with the rows, or neither does
        ImportResult result = inTurn(() -> transaction.execute(status -> {
            ImportResult done = run.execute(content, charset);
            audit.record("import", "import", entity.key(), done.status().name().toLowerCase(Locale.ROOT) + ", "
                    + done.imported() + " of " + done.rows() + " rows written, " + done.errors().size()
                    + " problems, mode " + mode.name().toLowerCase(Locale.ROOT));
            return done;
        }));
        meters.counter("funnel.imports", "entity", entity.key(), "status",
                result.status().name().toLowerCase(Locale.ROOT)).increment();
        meters.counter("funnel.import.rows", "entity", entity.key()).increment(result.imported());
        return result;
    }

    private ImportResult inTurn(java.util.function.Supplier<ImportResult> work) {
        try {
            turn.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for another import to finish", e);
        }
        try {
            return work.get();
        } finally {
            turn.release();
        }
    }

    private EntityImporter<?> importer(ImportEntity entity) {
        return importers.get(entity);
    }

    /** One import from file to result; holds the state of the rows as they pass the steps. */
    private final class Run<T> {

        private final EntityImporter<T> importer;
        private final ImportMapping mapping;
        private final ImportMode mode;
        private final Locale locale;
        private final DoubleConsumer progress;
        /** Check only: the result's 'imported' counts the rows that would be written. */
        private boolean dryRun;

        @SuppressWarnings("unchecked")
        Run(EntityImporter<?> importer, ImportMapping mapping, ImportMode mode, Locale locale,
            DoubleConsumer progress) {
            this.importer = (EntityImporter<T>) importer;
            this.mapping = mapping;
            this.mode = mode;
            this.locale = locale;
            this.progress = progress == null ? share -> { } : progress;
        }

        ImportResult execute(byte[] content, Charset charset) {
            if (content.length > maxBytes) {
                return rejected(0, List.of(fileError(null, "import.file.too-big", mb(content.length), mb(maxBytes))));
            }
            Table table;
            try {
                table = TableReader.read(content, charset, limits);
            } catch (FileRefusedException e) {
                return rejected(0, List.of(new ImportError(e.row(), null, null,
                        messages.get(e.messageKey(), locale, e.arguments().toArray()))));
            }
            try (table) {
                return execute(table);
            }
        }

        private ImportResult execute(Table table) {
            progress.accept(0.1);
            Map<String, Integer> columnOfField = new HashMap<>();
            List<ImportError> mappingErrors = checkMapping(table, columnOfField);
            if (!mappingErrors.isEmpty()) {
                return rejected(table.rowCount(), mappingErrors);
            }
            RowReader reader = new RowReader(table.headers(), columnOfField, mapping);
            Map<String, Set<String>> references = distinct(table, reader, importer.fields().stream()
                    .filter(f -> f.kind() == ImportField.Kind.REFERENCE).map(ImportField::name).toList());
            EntityImporter.Lookups lookups = importer.prepare(field -> references.computeIfAbsent(field,
                    f -> distinct(table, reader, List.of(f)).get(f)));
            List<T> records = new ArrayList<>(table.rowCount());
            List<Integer> rowNumbers = new ArrayList<>(table.rowCount());
            List<CellError> cellErrors = new ArrayList<>();
            Set<Integer> badRows = new HashSet<>();
            int[] done = {0};
            table.forEachRow(row -> {
                List<CellError> rowErrors = new ArrayList<>();
                T record = importer.read(reader.at(row, rowErrors), lookups);
                if (!rowErrors.isEmpty()) {
                    badRows.add(row.number());
                    cellErrors.addAll(rowErrors);
                }
                if (record != null) {
                    records.add(record);
                    rowNumbers.add(row.number());
                } else {
                    badRows.add(row.number());
                }
                if (++done[0] % 10_000 == 0) {
                    progress.accept(0.1 + 0.4 * done[0] / table.rowCount());
                }
            });
            progress.accept(0.5);
            List<CellError> ruleErrors = check(records, rowNumbers, badRows, reader, table);
            progress.accept(0.7);
            List<ImportError> errors = report(cellErrors, ruleErrors);
            if (!errors.isEmpty() && mode == ImportMode.ALL) {
                return rejected(table.rowCount(), errors);
            }
            List<T> valid = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                if (!badRows.contains(rowNumbers.get(i))) {
                    valid.add(records.get(i));
                }
            }
            if (dryRun) {
                return new ImportResult(ImportResult.Status.COMPLETED, table.rowCount(), valid.size(), errors);
            }
            int imported = valid.isEmpty() ? 0 : importer.write(valid);
            progress.accept(1.0);
            return new ImportResult(ImportResult.Status.COMPLETED, table.rowCount(), imported, errors);
        }

        /**
         * The module's rules over the records. In valid-only mode the check runs again on what is left after each
         * round, since a row can depend on another that failed (a customer whose parent company is a bad row).
         */
        private List<CellError> check(List<T> records, List<Integer> rowNumbers, Set<Integer> badRows,
                                      RowReader reader, Table table) {
            Map<Integer, List<FieldProblem>> problemsByRow = new HashMap<>();
            List<Integer> indexes = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                indexes.add(i);
            }
            boolean again = true;
            while (again && !indexes.isEmpty()) {
                List<T> subset = indexes.stream().map(records::get).toList();
                List<RowProblem> problems = importer.check(subset);
                again = false;
                for (RowProblem problem : problems) {
                    int number = rowNumbers.get(indexes.get(problem.index()));
                    String field = importer.fieldNames().getOrDefault(problem.problem().field(),
                            problem.problem().field());
                    FieldProblem named = new FieldProblem(field, problem.problem().messageKey(),
                            problem.problem().arguments());
                    List<FieldProblem> ofRow = problemsByRow.computeIfAbsent(number, n -> new ArrayList<>());
                    if (!ofRow.contains(named)) {
                        ofRow.add(named);
                    }
                    again |= badRows.add(number);
                }
                boolean excluded = indexes.removeIf(i -> badRows.contains(rowNumbers.get(i)));
                again = mode == ImportMode.VALID_ONLY && (again || excluded);
            }
            // the report quotes each problem's cell, so the rows with problems are read once more
            List<CellError> errors = new ArrayList<>();
            if (!problemsByRow.isEmpty()) {
                List<CellError> ignored = new ArrayList<>();
                table.forEachRow(row -> {
                    List<FieldProblem> ofRow = problemsByRow.get(row.number());
                    if (ofRow != null) {
                        reader.at(row, ignored);
                        ofRow.forEach(p -> errors.add(new CellError(row.number(), reader.column(p.field()),
                                reader.raw(p.field()), p)));
                    }
                });
            }
            return errors;
        }

        /** Errors in row then column order; a rule that fails on a cell that could not be read is left out. */
        private List<ImportError> report(List<CellError> cellErrors, List<CellError> ruleErrors) {
            Set<String> unreadable = new HashSet<>();
            cellErrors.forEach(e -> unreadable.add(e.row() + "|" + e.problem().field()));
            List<CellError> all = new ArrayList<>(cellErrors);
            ruleErrors.stream().filter(e -> !unreadable.contains(e.row() + "|" + e.problem().field()))
                    .forEach(all::add);
            all.sort(Comparator.comparing(CellError::row, Comparator.nullsFirst(Comparator.naturalOrder())));
            return all.stream().map(e -> new ImportError(e.row(), e.column(), e.value(),
                    messages.get(e.problem(), locale))).toList();
        }

        /** Every mapped column must exist and every field be known; every required field must be mapped. */
        private List<ImportError> checkMapping(Table table, Map<String, Integer> columnOfField) {
            List<ImportError> errors = new ArrayList<>();
            Map<String, ImportField> fields = new LinkedHashMap<>();
            importer.fields().forEach(f -> fields.put(f.name(), f));
            mapping.columns().forEach((column, field) -> {
                int index = indexOf(table.headers(), column);
                if (field == null || field.isBlank()) {
                    return;
                }
                if (index < 0) {
                    errors.add(new ImportError(1, column, null, messages.get("import.mapping.no-column", locale,
                            column, String.join(", ", table.headers()))));
                } else if (!fields.containsKey(field)) {
                    errors.add(new ImportError(1, column, null, messages.get("import.mapping.unknown-field", locale,
                            field, String.join(", ", fields.keySet()))));
                } else if (columnOfField.putIfAbsent(field, index) != null) {
                    errors.add(new ImportError(1, column, null, messages.get("import.mapping.field-twice", locale,
                            field)));
                }
            });
            for (String field : mapping.defaults().keySet()) {
                if (!fields.containsKey(field)) {
                    errors.add(new ImportError(null, null, null, messages.get("import.mapping.unknown-field", locale,
                            field, String.join(", ", fields.keySet()))));
                }
            }
            for (ImportField field : fields.values()) {
                if (field.required() && !columnOfField.containsKey(field.name())
                        && !mapping.defaults().containsKey(field.name())) {
                    errors.add(new ImportError(null, null, null, messages.get("import.mapping.required", locale,
                            field.name())));
                }
            }
            for (String pattern : RowReader.invalidDateFormats(mapping)) {
                errors.add(new ImportError(null, null, pattern, messages.get("import.mapping.date-format", locale,
                        pattern)));
            }
            return errors;
        }

        /** The distinct values of each field over all rows, after value mappings and defaults, in one reading. */
        private Map<String, Set<String>> distinct(Table table, RowReader reader, List<String> fields) {
            Map<String, Set<String>> values = new HashMap<>();
            fields.forEach(f -> values.put(f, new LinkedHashSet<>()));
            List<CellError> ignored = new ArrayList<>();
            table.forEachRow(row -> {
                reader.at(row, ignored);
                for (String field : fields) {
                    String value = reader.text(field);
                    if (value != null) {
                        values.get(field).add(value);
                    }
                }
            });
            return values;
        }

        private ImportError fileError(Integer row, String key, Object... arguments) {
            return new ImportError(row, null, null, messages.get(key, locale, arguments));
        }

        private ImportResult rejected(int rows, List<ImportError> errors) {
            return new ImportResult(ImportResult.Status.REJECTED, rows, 0, errors);
        }
    }

    private static int indexOf(List<String> headers, String column) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).equalsIgnoreCase(column.trim())) {
                return i;
            }
        }
        return -1;
    }

    /** Megabytes to one decimal, rounded up: a file just over the limit never reads as equal to it. */
    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", Math.ceil(bytes / 1024.0 / 1024.0 * 10) / 10);
    }
}
