package dev.funnel.platform;

import java.util.List;

/**
 * What is wrong with one field: the field's name as the API spells it, a message key in the bundles, and the
 * arguments the message needs.
 */
public record FieldProblem(String field, String messageKey, List<Object> arguments) {

    public FieldProblem {
        arguments = List.copyOf(arguments);
    }

    public static FieldProblem of(String field, String messageKey, Object... arguments) {
        return new FieldProblem(field, messageKey, List.of(arguments));
    }
}
