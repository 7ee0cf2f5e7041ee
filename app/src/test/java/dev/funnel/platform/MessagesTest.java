package dev.funnel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Messages read right in both languages even when their arguments were stored as text. */
class MessagesTest {

    private final Messages messages = new Messages();

    @Test
    void english_counts_take_their_plural_and_chinese_has_none() {
        String one = messages.get("notification.rule.task-overdue", Messages.ENGLISH, "Demo", "演示", "Acme deal",
                "2026-12-02", "1", "1");
        String many = messages.get("notification.rule.task-overdue", Messages.ENGLISH, "Demo", "演示", "Acme deal",
                "2026-11-28", "5", "1");

        assertThat(one).isEqualTo("The task 'Demo' for Acme deal was due on 2 Dec 2026 (1 day ago)");
        assertThat(many).isEqualTo("The task 'Demo' for Acme deal was due on 28 Nov 2026 (5 days ago)");
    }

    @Test
    void dates_inside_chinese_sentences_are_written_the_chinese_way() {
        assertThat(messages.get("notification.rule.task-overdue", Messages.CHINESE, "Demo", "演示", "云帆CRM项目",
                "2026-12-02", "1", "1")).isEqualTo("商机 云帆CRM项目 的任务“演示”截止于 2026年12月2日，已逾期 1 天");
    }

    @Test
    void an_argument_of_an_unexpected_shape_is_shown_as_it_is_instead_of_failing() {
        assertThat(messages.get("notification.rule.no-follow-up", Messages.ENGLISH, "宁波云帆", "many"))
                .isEqualTo("宁波云帆 has had no follow-up for many");
    }
}
