package dev.funnel.plugins.imnotify;

/** The little JSON the robots' APIs take: string values, escaped; a plugin carries no JSON library for this. */
final class Json {

    private Json() {
    }

    /** The value as a JSON string, quotes included. */
    static String string(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /**
     * A whole-number field of a robot's answer ({@code errcode} for WeCom and DingTalk, {@code code} or
     * {@code StatusCode} for Feishu), or null when the answer has none.
     */
    static Integer number(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** A string field of a robot's answer ({@code errmsg}, {@code msg}), or null. */
    static String text(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
