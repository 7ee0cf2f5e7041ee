package dev.funnel.platform;

import java.util.List;

/** Input that breaks a rule, field by field. Services throw it before writing anything. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super("Invalid input: " + problems);
        this.problems = List.copyOf(problems);
    }

    public static InvalidInputException of(String field, String messageKey, Object... arguments) {
        return new InvalidInputException(List.of(FieldProblem.of(field, messageKey, arguments)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
