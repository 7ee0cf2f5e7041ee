package dev.funnel.pipeline.internal;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;

/**
 * Bulk writes through PostgreSQL's COPY, inside the caller's transaction: an import of 100,000 deals with their
 * history and lines is half a million rows, which row-by-row inserts cannot write at the speed people expect.
 */
final class PgCopy {

    private PgCopy() {
    }

    static void copy(DSLContext db, String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(rows.size() * 64);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(text, row[i]);
            }
            text.append('\n');
        }
        String sql = "COPY \"" + table + "\" (" + String.join(", ", columns.stream().map(c -> '"' + c + '"').toList())
                + ") FROM STDIN";
        db.connection(connection -> {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(text.toString()));
            } catch (IOException e) {
                throw new SQLException("COPY into " + table + " failed", e);
            }
        });
    }

    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof BigDecimal decimal) {
            text.append(decimal.toPlainString());
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else {
            String s = value.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        }
    }
}
