package dev.funnel.notification.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The SMTP server from the configuration ({@code FUNNEL_SMTP_*}). Without a host, e-mail is off: notifications
 * stay in the app and Admin says so; nothing fails. Every network wait has a limit, so that an unreachable
 * server costs the sending job seconds, never a hung thread.
 */
@Component
public class MailSettings {

    private static final Logger log = LoggerFactory.getLogger(MailSettings.class);
    private static final String TIMEOUT_MS = "10000";

    private final String host;
    private final int port;
    private final String from;
    private final String baseUrl;
    private final JavaMailSender sender;
    private final String problem;

    MailSettings(@Value("${funnel.mail.host:}") String host, @Value("${funnel.mail.port:587}") int port,
                 @Value("${funnel.mail.username:}") String username, @Value("${funnel.mail.password:}") String password,
                 @Value("${funnel.mail.starttls:true}") boolean starttls,
                 @Value("${funnel.mail.from:funnel@localhost}") String from,
                 @Value("${funnel.base-url:http://localhost:8080}") String baseUrl) {
        this.host = host == null ? "" : host.trim();
        this.port = port;
        this.from = from;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String why = null;
        if (!this.host.isEmpty()) {
            try {
                new InternetAddress(from, true).validate();
            } catch (AddressException e) {
                why = "FUNNEL_MAIL_FROM is not an e-mail address: '" + from + "'";
                log.error("E-mail is off: {}", why);
            }
        }
        this.problem = why;
        if (this.host.isEmpty() || why != null) {
            this.sender = null;
            return;
        }
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost(this.host);
        mail.setPort(port);
        mail.setDefaultEncoding("UTF-8");
        Properties properties = mail.getJavaMailProperties();
        if (!username.isBlank()) {
            mail.setUsername(username);
            mail.setPassword(password);
            properties.put("mail.smtp.auth", "true");
        }
        properties.put("mail.smtp.starttls.enable", Boolean.toString(starttls));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        properties.put("mail.smtp.timeout", TIMEOUT_MS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MS);
        this.sender = mail;
    }

    public boolean enabled() {
        return sender != null;
    }

    public Optional<JavaMailSender> sender() {
        return Optional.ofNullable(sender);
    }

    public String from() {
        return from;
    }

    public String server() {
        return host + ":" + port;
    }

    public String problem() {
        return problem;
    }

    /** An absolute address of an app route, for links in e-mail. */
    public String link(String route) {
        return baseUrl + "/" + (route == null ? "" : route);
    }
}
