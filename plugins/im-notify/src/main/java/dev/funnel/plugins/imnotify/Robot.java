package dev.funnel.plugins.imnotify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A group robot as administrators registered it. */
record Robot(Platform platform, String url, String secret, String team, boolean chinese, List<String> topics) {

    private static final java.util.regex.Pattern COMMA = java.util.regex.Pattern.compile(",");

    static Robot of(Map<String, String> values) {
        List<String> platforms = list(values.get(RobotSettings.PLATFORM));
        List<String> languages = list(values.get(RobotSettings.LANGUAGE));
        return new Robot(Platform.of(platforms.isEmpty() ? "" : platforms.get(0)), values.get(RobotSettings.URL),
                values.get(RobotSettings.SECRET), values.getOrDefault(RobotSettings.TEAM, "").trim(),
                languages.isEmpty() || languages.get(0).equals("zh-CN"), list(values.get(RobotSettings.TOPICS)));
    }

    /** A choices field's values, as the host stores them: comma-separated. */
    static List<String> list(String value) {
        return value == null || value.isBlank() ? List.of()
                : COMMA.splitAsStream(value).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** Whether the event is about someone in this robot's team or a team below it. */
    boolean covers(Map<String, String> facts) {
        if (team.isEmpty()) {
            return false;
        }
        return list(facts.get("teamIds")).contains(team) || list(facts.get("teams")).stream()
                .anyMatch(name -> name.toLowerCase(Locale.ROOT).equals(team.toLowerCase(Locale.ROOT)));
    }
}
