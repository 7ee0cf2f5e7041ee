package dev.funnel.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditCodeTest {

    @Test
    void published_codes_of_real_companies_are_valid() {
        assertThat(CreditCode.isValid("914403001922038216")).isTrue();
        assertThat(CreditCode.isValid("91110000802100433B")).isTrue();
        assertThat(CreditCode.isValid("91350100M000100Y43")).isTrue();
    }

    @Test
    void a_wrong_check_character_length_or_forbidden_letter_is_invalid() {
        assertThat(CreditCode.isValid("914403001922038217")).isFalse();
        assertThat(CreditCode.isValid("91440300192203821")).isFalse();
        assertThat(CreditCode.isValid("9144030019220382I6")).isFalse();
        assertThat(CreditCode.isValid(null)).isFalse();
    }

    @Test
    void completing_a_body_yields_a_valid_code() {
        assertThat(CreditCode.withCheckCharacter("91440300192203821")).isEqualTo("914403001922038216");
        assertThat(CreditCode.normalize(" 91110000 802100433b ")).isEqualTo("91110000802100433B");
    }
}
