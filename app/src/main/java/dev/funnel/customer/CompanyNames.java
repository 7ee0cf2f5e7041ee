package dev.funnel.customer;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Company names as the duplicate check compares them. '深圳市腾飞科技有限公司', '深圳市腾飞科技（有限公司）' and
 * 'ＳＨＥＮＺＨＥＮ Tengfei Co., Ltd.' are written differently by different reps; what tells two companies apart is
 * the name without its legal form, width, punctuation, spacing and case.
 */
public final class CompanyNames {

    /** Legal forms, already in normalised spelling (lower case, punctuation turned into single spaces). */
    private static final List<String> LEGAL_FORMS = sortedLongestFirst(List.of(
            "股份有限公司", "有限责任公司", "有限公司", "股份公司", "公司", "有限合伙", "合伙企业",
            "company limited", "co ltd", "co limited", "corp ltd", "ltd", "limited", "inc", "incorporated",
            "corporation", "corp", "company", "co", "llc", "l l c", "gmbh", "plc", "s a", "sa", "ag", "bv", "pte ltd",
            "pty ltd"));

    private static final Pattern SEPARATORS = Pattern.compile("[\\p{P}\\p{S}\\s]+");

    private CompanyNames() {
    }

    /** The comparable form of a name; null for a blank one. */
    public static String normalize(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        // NFKC folds full-width letters, digits and brackets into their half-width forms
        String text = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        text = SEPARATORS.matcher(text).replaceAll(" ").trim();
        // a name that is nothing but a legal form ('有限公司') is kept whole rather than cut to a fragment
        String stripped = LEGAL_FORMS.contains(text) ? text : stripLegalForms(text);
        String compact = (stripped.isEmpty() ? text : stripped).replace(" ", "");
        return compact.length() > 200 ? compact.substring(0, 200) : compact;
    }

    private static String stripLegalForms(String text) {
        String current = text;
        boolean changed = true;
        while (changed && !current.isEmpty()) {
            changed = false;
            for (String form : LEGAL_FORMS) {
                if (endsWithForm(current, form)) {
                    current = current.substring(0, current.length() - form.length()).trim();
                    changed = true;
                    break;
                }
            }
        }
        return current;
    }

    /** A Latin legal form must be a whole word ('inc', not the end of 'zinc'); a Chinese one is a plain suffix. */
    private static boolean endsWithForm(String text, String form) {
        if (!text.endsWith(form) || text.length() == form.length()) {
            return false;
        }
        boolean latin = form.chars().allMatch(c -> c < 128);
        return !latin || text.charAt(text.length() - form.length() - 1) == ' ';
    }

    private static List<String> sortedLongestFirst(List<String> forms) {
        return forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}
