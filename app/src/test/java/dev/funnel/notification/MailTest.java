package dev.funnel.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.funnel.identity.EmailChoice;
import dev.funnel.identity.NewUser;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.identity.UserSummary;
import dev.funnel.notification.internal.Mailer;
import dev.funnel.testsupport.IntegrationTest;
import dev.funnel.testsupport.TestData;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notifications by e-mail through a real SMTP server (GreenMail) on the port the test configuration names: one
 * message per notification in the reader's language with a link back, or one digest a day; a server that cannot
 * be reached costs a retry later, never a failure.
 */
class MailTest extends IntegrationTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(Integer.getInteger("FUNNEL_SMTP_PORT"),
            "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @Autowired
    NotificationService notifications;
    @Autowired
    Mailer mailer;
    @Autowired
    UserService users;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        mailer.sendDue();
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void each_notification_is_mailed_at_once_in_its_readers_language_with_a_link_back() throws Exception {
        UserSummary english = person("en", EmailChoice.IMMEDIATE);
        UserSummary chinese = person("zh-CN", EmailChoice.IMMEDIATE);
        UserSummary none = person("en", EmailChoice.OFF);
        for (UserSummary user : List.of(english, chinese, none)) {
            notifications.notify(user.id(), "notification.rule.no-follow-up", List.of("Acme", "15", "", "", "", ""),
                    "customers/7");
        }

        assertThat(mailer.sendDue()).isEqualTo(2);

        MimeMessage toEnglish = only(english);
        assertThat(toEnglish.getSubject()).isEqualTo("[Funnel] Acme has had no follow-up for 15 days");
        assertThat(GreenMailUtil.getBody(toEnglish)).contains("Hello " + english.fullName())
                .contains("http://localhost:8080/customers/7");
        assertThat(toEnglish.getFrom()[0].toString()).isEqualTo("funnel@funnel.test");
        MimeMessage toChinese = only(chinese);
        assertThat(toChinese.getSubject()).isEqualTo("[Funnel] 客户 Acme 已 15 天未跟进");
        assertThat(messagesTo(none)).isEmpty();
    }

    @Test
    void a_digest_collects_the_days_notifications_into_one_message_once_a_day() throws Exception {
        UserSummary reader = person("en", EmailChoice.DIGEST);
        notifications.notify(reader.id(), "notification.rule.no-follow-up", List.of("Acme", "15", "", "", "", ""),
                "customers/7");
        notifications.notify(reader.id(), "notification.rule.no-follow-up", List.of("Globex", "21", "", "", "", ""),
                "customers/8");
        assertThat(mailer.sendDue()).isZero();

        assertThat(mailer.queueDigests()).isEqualTo(1);
        assertThat(mailer.queueDigests()).isZero();
        mailer.sendDue();

        MimeMessage digest = only(reader);
        assertThat(digest.getSubject()).isEqualTo("[Funnel] Your daily digest: 2 notifications");
        assertThat(GreenMailUtil.getBody(digest)).contains("Acme has had no follow-up for 15 days")
                .contains("Globex has had no follow-up for 21 days")
                .contains("http://localhost:8080/customers/8")
                .contains("http://localhost:8080/notifications");
    }

    @Test
    void an_unreachable_server_means_a_retry_later_shown_to_admins_never_a_failure() throws Exception {
        UserSummary reader = person("en", EmailChoice.IMMEDIATE);
        smtp.stop();
        try {
            notifications.notify(reader.id(), "notification.rule.no-follow-up",
                    List.of("Initech", "30", "", "", "", ""), "customers/9");
            assertThat(mailer.sendDue()).isZero();
            MailStatus status = data.asAdmin(() -> notifications.mailStatus());
            assertThat(status.enabled()).isTrue();
            assertThat(status.waiting()).isGreaterThanOrEqualTo(1);
            assertThat(status.lastError()).contains("MailSendException");
            // the next try waits a minute
            assertThat(mailer.sendDue()).isZero();
        } finally {
            smtp.start();
        }
        clock.advance(Duration.ofMinutes(2));
        assertThat(mailer.sendDue()).isEqualTo(1);
        assertThat(only(reader).getSubject()).contains("Initech");
    }

    private UserSummary person(String language, EmailChoice choice) {
        String username = TestData.unique("mail");
        UserSummary user = data.asAdmin(() -> users.create(new NewUser(username, "Mail " + language,
                username + "@example.test", TestData.PASSWORD, null, Set.of(Role.SALES_REP))));
        as(username, () -> {
            users.changeLanguage(Locale.forLanguageTag(language));
            users.changeEmailChoice(choice);
            return null;
        });
        return user;
    }

    private MimeMessage only(UserSummary user) throws Exception {
        List<MimeMessage> messages = messagesTo(user);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private List<MimeMessage> messagesTo(UserSummary user) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(user.email());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
