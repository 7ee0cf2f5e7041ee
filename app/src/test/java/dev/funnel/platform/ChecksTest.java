package dev.funnel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared field checks: a NUL character is refused by the field's name, as the UI and the API need. */
class ChecksTest {

    @Test
    void a_nul_character_in_a_checked_text_is_refused_by_its_field() {
        var problems = Checks.start().maxLength("name", "Acme\u0000 Trading", 200).maxLength("city", "杭州", 60)
                .problems();

        assertThat(problems).extracting(FieldProblem::field, FieldProblem::messageKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "validation.nul"));
    }
}
