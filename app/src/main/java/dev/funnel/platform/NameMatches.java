package dev.funnel.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Matches the names a spreadsheet gives to records known by either of two names (a user's username and full
 * name, a product's code and name), ignoring case and surrounding spaces. A name that fits several records maps
 * to all of them, so that the caller can report it as ambiguous.
 */
public final class NameMatches {

    private NameMatches() {
    }

    /** A record as the match sees it: its id and its two names (either may be null). */
    public record Candidate(long id, String first, String second) {
    }

    /** The names in the form the database query compares them with ({@code lower(column) in (...)}). */
    public static List<String> lowered(Collection<String> names) {
        return names.stream().map(NameMatches::key).distinct().toList();
    }

    public static Map<String, List<Long>> match(Collection<String> names, List<Candidate> candidates) {
        Map<String, List<String>> namesByKey = new HashMap<>();
        names.forEach(name -> namesByKey.computeIfAbsent(key(name), k -> new ArrayList<>()).add(name));
        Map<String, List<Long>> result = new HashMap<>();
        for (Candidate candidate : candidates) {
            Set<String> keys = new LinkedHashSet<>();
            if (candidate.first() != null) {
                keys.add(key(candidate.first()));
            }
            if (candidate.second() != null) {
                keys.add(key(candidate.second()));
            }
            for (String key : keys) {
                for (String name : namesByKey.getOrDefault(key, List.of())) {
                    result.computeIfAbsent(name, n -> new ArrayList<>()).add(candidate.id());
                }
            }
        }
        return result;
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
