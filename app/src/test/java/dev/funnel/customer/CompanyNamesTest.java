package dev.funnel.customer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompanyNamesTest {

    @ParameterizedTest(name = "{0} and {1} are the same company")
    @CsvSource(delimiter = '|', value = {
            "深圳市腾飞科技有限公司 | 深圳市腾飞科技",
            "深圳市腾飞科技股份有限公司 | 深圳市 腾飞科技（有限公司）",
            "北京云帆信息技术有限责任公司 | 北京云帆信息技术",
            "ＡＢＣ　Ｔｒａｄｉｎｇ　Ｃｏ．，Ｌｔｄ． | abc trading",
            "Acme Corporation | ACME corp.",
            "Tengfei Technology Co., Ltd. | tengfei-technology",
            "Zincore Inc. | Zincore, Incorporated",
            "Globex GmbH | globex"})
    void legal_form_width_punctuation_spacing_and_case_do_not_tell_companies_apart(String one, String other) {
        assertThat(CompanyNames.normalize(one)).isEqualTo(CompanyNames.normalize(other));
    }

    @ParameterizedTest(name = "{0} and {1} are different companies")
    @CsvSource(delimiter = '|', value = {
            "深圳市腾飞科技有限公司 | 深圳市腾达科技有限公司",
            "Zinc Holdings | Z Holdings",
            "Acme Corporation | Acme Industries Corporation"})
    void the_name_itself_still_counts(String one, String other) {
        assertThat(CompanyNames.normalize(one)).isNotEqualTo(CompanyNames.normalize(other));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Inc | inc", "有限公司 | 有限公司", "Zinc | zinc"})
    void a_name_that_is_only_a_legal_form_or_ends_like_one_keeps_its_letters(String name, String normalized) {
        assertThat(CompanyNames.normalize(name)).isEqualTo(normalized);
    }
}
