package dev.funnel.customer;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character alphabet
 * (no I, O, S, V, Z), the last one a check character over the first 17 with weights 3^i mod 31.
 */
public final class CreditCode {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    public static boolean isValid(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(code.charAt(i));
            if (value < 0) {
                return false;
            }
            sum += value * WEIGHTS[i];
        }
        return code.charAt(17) == checkCharacter(sum);
    }

    /** Completes 17 characters with their check character, for example for generated test data. */
    public static String withCheckCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("a credit code body has 17 characters: " + first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a credit code character: " + first17.charAt(i));
            }
            sum += value * WEIGHTS[i];
        }
        return first17 + checkCharacter(sum);
    }

    /** Upper-cases and strips blanks, as people paste codes. */
    public static String normalize(String code) {
        return code == null ? null : code.replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static char checkCharacter(int sum) {
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }
}
