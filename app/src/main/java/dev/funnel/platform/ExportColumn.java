package dev.funnel.platform;

import java.util.function.Function;

/** One column of an export: its header, in the user's language, and how a row gives its value. */
public record ExportColumn<T>(String header, Function<T, ?> value) {
}
