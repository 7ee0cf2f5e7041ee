package dev.funnel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.platform.NameMatches.Candidate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameMatchesTest {

    @Test
    void either_name_matches_ignoring_case_and_spaces_and_a_shared_name_maps_to_every_record() {
        List<Candidate> users = List.of(new Candidate(1, "anna.snelling", "Anna Snelling"),
                new Candidate(2, "li.wei", "李伟"), new Candidate(3, "li.wei2", "李伟"));

        Map<String, List<Long>> found = NameMatches.match(List.of(" anna snelling ", "ANNA.SNELLING", "李伟", "nobody"),
                users);

        assertThat(found).containsEntry(" anna snelling ", List.of(1L)).containsEntry("ANNA.SNELLING", List.of(1L))
                .containsEntry("李伟", List.of(2L, 3L)).doesNotContainKey("nobody");
        assertThat(NameMatches.lowered(List.of(" Anna ", "anna"))).containsExactly("anna");
    }
}
