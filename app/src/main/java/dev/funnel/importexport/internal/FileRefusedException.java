package dev.funnel.importexport.internal;

import java.util.List;

/**
 * A file that cannot be read as a table at all: not CSV or XLSX, empty, too big, in an unknown encoding, or
 * broken (unbalanced quotes). The message key and arguments say which, in the user's language.
 */
public class FileRefusedException extends RuntimeException {

    private final Integer row;
    private final String messageKey;
    private final List<Object> arguments;

    public FileRefusedException(Integer row, String messageKey, Object... arguments) {
        super(messageKey + " " + List.of(arguments));
        this.row = row;
        this.messageKey = messageKey;
        this.arguments = List.of(arguments);
    }

    public Integer row() {
        return row;
    }

    public String messageKey() {
        return messageKey;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
