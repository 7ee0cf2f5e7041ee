package dev.funnel.importexport.internal;

import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportField;
import dev.funnel.platform.RowProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One kind of record an import can create: its fields, how a row becomes the owning module's import record,
 * and the module's check and write. The modules own the rules; this only translates between cells and records.
 *
 * @param <T> the owning module's import record
 */
public interface EntityImporter<T> {

    ImportEntity entity();

    List<ImportField> fields();

    /** The owning module's field names that differ from the import's ({@code ownerId} is the column 'owner'). */
    Map<String, String> fieldNames();

    /**
     * Looks up, once for the whole file, what rows refer to by name (people, customers, products, stages).
     *
     * @param distinct the distinct values of a field over all rows, after value mappings and defaults
     */
    Lookups prepare(Function<String, Set<String>> distinct);

    /** The row as an import record, or null when a cell could not be read (the reader holds why). */
    T read(RowReader row, Lookups lookups);

    List<RowProblem> check(List<T> records);

    int write(List<T> records);

    /** What {@link #prepare} found, handed back to {@link #read}. */
    interface Lookups {
    }
}
