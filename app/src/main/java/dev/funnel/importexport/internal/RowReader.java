package dev.funnel.importexport.internal;

import dev.funnel.importexport.ImportMapping;
import dev.funnel.platform.FieldProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads one row's cells as typed fields through the mapping: value mappings first, then defaults for empty or
 * unmapped cells, then the conversion. Every failure is recorded against the row and column, never thrown, so a
 * file reports all its problems at once.
 */
public final class RowReader {

    private static final List<String> DEFAULT_DATE_FORMATS = List.of("yyyy-MM-dd", "yyyy/M/d");
    private static final java.util.Set<String> YES = java.util.Set.of("yes", "y", "true", "1", "是");
    private static final java.util.Set<String> NO = java.util.Set.of("no", "n", "false", "0", "否");

    private final Map<String, Integer> columnOfField;
    private final List<String> headers;
    private final ImportMapping mapping;
    private final List<DateFormat> dateFormats;
    private Table.Row row;
    private List<CellError> errors;

    public RowReader(List<String> headers, Map<String, Integer> columnOfField, ImportMapping mapping) {
        this.headers = headers;
        this.columnOfField = columnOfField;
        this.mapping = mapping;
        List<String> patterns = mapping.dateFormats().isEmpty() ? DEFAULT_DATE_FORMATS : mapping.dateFormats();
        this.dateFormats = patterns.stream().map(DateFormat::of).toList();
    }

    /** Checks the mapping's date patterns before any row is read; answers the ones that are not patterns. */
    public static List<String> invalidDateFormats(ImportMapping mapping) {
        List<String> invalid = new ArrayList<>();
        for (String pattern : mapping.dateFormats()) {
            try {
                DateFormat.of(pattern);
            } catch (IllegalArgumentException e) {
                invalid.add(pattern);
            }
        }
        return invalid;
    }

    public RowReader at(Table.Row current, List<CellError> rowErrors) {
        this.row = current;
        this.errors = rowErrors;
        return this;
    }

    public int rowNumber() {
        return row.number();
    }

    /** The field's text after value mapping and default; null when empty. */
    public String text(String field) {
        Integer column = columnOfField.get(field);
        String raw = column == null ? null : row.cell(column);
        String value = raw == null || raw.isBlank() ? null : raw.trim();
        if (value != null) {
            Map<String, String> values = mapping.values().get(field);
            if (values != null) {
                String mapped = values.get(value);
                if (mapped == null) {
                    mapped = values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(raw.trim()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                }
                if (mapped != null) {
                    value = mapped.isBlank() ? null : mapped;
                }
            }
        }
        if (value == null) {
            String fallback = mapping.defaults().get(field);
            value = fallback == null || fallback.isBlank() ? null : fallback.trim();
        }
        return value;
    }

    /** The cell as the file has it, for error reports. */
    public String raw(String field) {
        Integer column = columnOfField.get(field);
        return column == null ? mapping.defaults().get(field) : row.cell(column);
    }

    public String column(String field) {
        Integer column = columnOfField.get(field);
        return column == null ? null : headers.get(column);
    }

    /** An exact decimal; thousands separators, currency signs and spaces are allowed, exponents are not. */
    public BigDecimal amount(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        String plain = text.replaceAll("[\\s,¥￥$€£]", "");
        if (!plain.matches("-?[0-9]+(\\.[0-9]+)?")) {
            error(field, "validation.import.amount");
            return null;
        }
        return new BigDecimal(plain);
    }

    public Integer integer(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        String plain = text.replaceAll("[\\s,]", "");
        try {
            return Integer.valueOf(plain);
        } catch (NumberFormatException e) {
            error(field, "validation.import.integer");
            return null;
        }
    }

    public LocalDate date(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        // an XLSX date-time cell arrives as 'yyyy-MM-dd HH:mm:ss'; the day is what counts
        String day = text.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}") ? text.substring(0, 10) : text;
        for (DateFormat format : dateFormats) {
            LocalDate parsed = format.parse(day);
            if (parsed != null) {
                return parsed;
            }
        }
        error(field, "validation.import.date", dateFormats.stream().map(DateFormat::pattern)
                .collect(Collectors.joining(", ")));
        return null;
    }

    /** One of an enum's constants by name, ignoring case, spaces and hyphens ('decision maker'). */
    public <E extends Enum<E>> E choice(String field, Class<E> type) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        String wanted = text.trim().replace(' ', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        error(field, "validation.import.choice", Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", ")));
        return null;
    }

    /** Yes or no: yes, y, true, 1 or 是, and no, n, false, 0 or 否, ignoring case; an empty cell is no. */
    public boolean yesNo(String field) {
        String text = text(field);
        if (text == null) {
            return false;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (YES.contains(value)) {
            return true;
        }
        if (!NO.contains(value)) {
            error(field, "validation.import.yes-no");
        }
        return false;
    }

    public void error(String field, String messageKey, Object... arguments) {
        errors.add(new CellError(row.number(), column(field), raw(field), FieldProblem.of(field, messageKey,
                arguments)));
    }

    /** A date pattern; 'yyyy' alone reads a year, taken as its first day. */
    private record DateFormat(String pattern, DateTimeFormatter formatter) {

        static DateFormat of(String pattern) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("empty pattern");
            }
            // 'u' is the proleptic year: with 'y' (year of era) strict parsing would demand an era
            return new DateFormat(pattern, DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT));
        }

        LocalDate parse(String text) {
            try {
                if (pattern.equals("yyyy")) {
                    return Year.parse(text, formatter).atDay(1);
                }
                return LocalDate.parse(text, formatter);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
