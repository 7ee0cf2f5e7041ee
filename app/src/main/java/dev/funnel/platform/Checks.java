package dev.funnel.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every problem of one input before failing, so the user sees them all at once, and throws
 * {@link InvalidInputException} only when there is at least one.
 */
public final class Checks {

    /**
     * The currencies an amount may be in: those Chinese B2B companies trade in. Currency.getInstance alone would
     * also accept fund codes, precious metals and withdrawn currencies (XAU, XTS, DEM).
     */
    public static final List<String> CURRENCIES = List.of("CNY", "USD", "EUR", "HKD", "JPY", "GBP", "SGD", "TWD",
            "KRW", "AUD", "CAD", "CHF", "MOP");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** Digits with the separators people type: +86 755-8888 6666, (010) 6552 9988, 138 0013 8000 转 8021. */
    private static final Pattern PHONE = Pattern.compile(
            "^\\+?[0-9(][0-9 ()\\-]{3,24}(\\s*(转|ext\\.?|x)\\s*[0-9]{1,6})?$", Pattern.CASE_INSENSITIVE);

    private final List<FieldProblem> problems = new ArrayList<>();

    public static Checks start() {
        return new Checks();
    }

    public Checks required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            problems.add(FieldProblem.of(field, "validation.required"));
        }
        return this;
    }

    /**
     * At most {@code max} characters, and no control character PostgreSQL cannot store (NUL): every text field a
     * service checks passes through here, so a NUL is refused by the field's name instead of failing the write.
     */
    public Checks maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(FieldProblem.of(field, "validation.too-long", max));
        }
        if (hasNul(value)) {
            problems.add(FieldProblem.of(field, "validation.nul"));
        }
        return this;
    }

    /** Whether the text holds a NUL character, which a PostgreSQL text column cannot store. */
    public static boolean hasNul(String value) {
        return value != null && value.indexOf('\u0000') >= 0;
    }

    public Checks email(String field, String value) {
        if (value != null && !value.isBlank() && !EMAIL.matcher(value).matches()) {
            problems.add(FieldProblem.of(field, "validation.email"));
        }
        return this;
    }

    public Checks phone(String field, String value) {
        if (value != null && !value.isBlank() && !PHONE.matcher(value.trim()).matches()) {
            problems.add(FieldProblem.of(field, "validation.phone"));
        }
        return this;
    }

    public Checks money(String field, BigDecimal value) {
        if (value != null) {
            if (value.signum() < 0) {
                problems.add(FieldProblem.of(field, "validation.amount.negative"));
            } else if (value.scale() > 2 || value.precision() - value.scale() > 17) {
                problems.add(FieldProblem.of(field, "validation.amount.format"));
            }
        }
        return this;
    }

    public Checks currency(String field, String code) {
        if (code != null && !CURRENCIES.contains(code)) {
            problems.add(FieldProblem.of(field, "validation.currency", code));
        }
        return this;
    }

    public Checks rule(boolean holds, String field, String messageKey, Object... arguments) {
        if (!holds) {
            problems.add(FieldProblem.of(field, messageKey, arguments));
        }
        return this;
    }

    /** What is wrong so far, for checking many rows (an import) without stopping at the first bad one. */
    public List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    /** Fails with all the problems, if there are any. */
    public static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    public void orThrow() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
