package dev.funnel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void amounts_read_in_wan_and_yi_in_chinese_and_k_and_m_in_english() {
        assertThat(Formats.compactMoney(new BigDecimal("125000"), "CNY", Locale.SIMPLIFIED_CHINESE)).isEqualTo("¥12.5万");
        assertThat(Formats.compactMoney(new BigDecimal("320000000"), "CNY", Locale.SIMPLIFIED_CHINESE)).isEqualTo("¥3.2亿");
        assertThat(Formats.compactMoney(new BigDecimal("125000"), "CNY", Locale.ENGLISH)).isEqualTo("¥125K");
        assertThat(Formats.compactMoney(new BigDecimal("3200000"), "CNY", Locale.ENGLISH)).isEqualTo("¥3.2M");
        assertThat(Formats.compactMoney(new BigDecimal("999"), "CNY", Locale.ENGLISH)).isEqualTo("¥999");
    }

    @Test
    void exact_amounts_keep_two_decimals_and_dates_follow_the_language() {
        assertThat(Formats.money(new BigDecimal("1234567.5"), "CNY", Locale.ENGLISH)).isEqualTo("¥1,234,567.50");
        assertThat(Formats.money(new BigDecimal("10"), "USD", Locale.ENGLISH)).isEqualTo("$10.00");
        assertThat(Formats.date(LocalDate.of(2026, 11, 26), Locale.SIMPLIFIED_CHINESE)).isEqualTo("2026年11月26日");
        assertThat(Formats.date(LocalDate.of(2026, 11, 26), Locale.ENGLISH)).isEqualTo("26 Nov 2026");
    }
}
