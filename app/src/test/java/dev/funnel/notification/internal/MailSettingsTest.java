package dev.funnel.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Without a server e-mail is off, quietly; a server with an unusable sender address is off with the reason. */
class MailSettingsTest {

    @Test
    void without_an_smtp_host_email_is_off_and_nothing_is_wrong() {
        MailSettings settings = new MailSettings(" ", 587, "", "", true, "funnel@example.test", "http://crm/");
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.sender()).isEmpty();
        assertThat(settings.problem()).isNull();
        assertThat(settings.link("customers/7")).isEqualTo("http://crm/customers/7");
    }

    @Test
    void a_sender_that_is_no_address_turns_email_off_with_the_reason() {
        MailSettings settings = new MailSettings("smtp.example.test", 587, "", "", true, "not an address",
                "http://crm");
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.problem()).contains("FUNNEL_MAIL_FROM").contains("not an address");
    }

    @Test
    void a_named_server_with_a_good_sender_is_on() {
        MailSettings settings = new MailSettings("smtp.example.test", 2525, "bot", "secret", false,
                "funnel@example.test", "http://crm");
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.server()).isEqualTo("smtp.example.test:2525");
    }
}
