package dev.funnel.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * Dates, numbers and money the way the user's language writes them: {@code 2026年11月26日} / {@code 26 Nov 2026};
 * exact amounts in tables ({@code ¥1,234,567.00}); compact amounts on cards and headers ({@code ¥123.5万} /
 * {@code ¥1.2M}).
 */
public final class Formats {

    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINESE);
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter CHINESE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINESE);
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final BigDecimal WAN = BigDecimal.valueOf(10_000);
    private static final BigDecimal YI = BigDecimal.valueOf(100_000_000);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);

    private Formats() {
    }

    public static String date(LocalDate date, Locale locale) {
        return date == null ? "" : (Texts.isChinese(locale) ? CHINESE_DATE : ENGLISH_DATE).format(date);
    }

    public static String dateTime(OffsetDateTime time, ZoneId zone, Locale locale) {
        return time == null ? "" : (Texts.isChinese(locale) ? CHINESE_TIME : ENGLISH_TIME).format(time.atZoneSameInstant(zone));
    }

    /** The exact amount with its currency symbol and two decimals, for tables and forms. */
    public static String money(BigDecimal amount, String currencyCode, Locale locale) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(Texts.isChinese(locale) ? Locale.CHINA : Locale.US);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return symbol(currencyCode, locale) + format.format(amount);
    }

    /** The amount as people read it at a glance: 万 and 亿 in Chinese, K, M and B in English. */
    public static String compactMoney(BigDecimal amount, String currencyCode, Locale locale) {
        if (amount == null) {
            return "";
        }
        String symbol = symbol(currencyCode, locale);
        BigDecimal magnitude = amount.abs();
        if (Texts.isChinese(locale)) {
            if (magnitude.compareTo(YI) >= 0) {
                return symbol + scaled(amount, YI) + "亿";
            }
            if (magnitude.compareTo(WAN) >= 0) {
                return symbol + scaled(amount, WAN) + "万";
            }
        } else {
            if (magnitude.compareTo(BILLION) >= 0) {
                return symbol + scaled(amount, BILLION) + "B";
            }
            if (magnitude.compareTo(MILLION) >= 0) {
                return symbol + scaled(amount, MILLION) + "M";
            }
            if (magnitude.compareTo(THOUSAND) >= 0) {
                return symbol + scaled(amount, THOUSAND) + "K";
            }
        }
        return symbol + amount.setScale(0, RoundingMode.HALF_UP).toPlainString();
    }

    private static String scaled(BigDecimal amount, BigDecimal unit) {
        return amount.divide(unit, 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String symbol(String currencyCode, Locale locale) {
        if (currencyCode == null || "CNY".equals(currencyCode)) {
            return "¥";
        }
        try {
            return Currency.getInstance(currencyCode).getSymbol(Texts.isChinese(locale) ? Locale.CHINA : Locale.US);
        } catch (IllegalArgumentException e) {
            return currencyCode + " ";
        }
    }
}
