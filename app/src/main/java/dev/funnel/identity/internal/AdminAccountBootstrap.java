package dev.funnel.identity.internal;

import dev.funnel.identity.NewUser;
import dev.funnel.identity.Passwords;
import dev.funnel.identity.Role;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On an empty database, creates the first administrator so that somebody can sign in: with
 * FUNNEL_ADMIN_PASSWORD when set, otherwise with a random password printed once to the log.
 */
@Component
@Order(0)
class AdminAccountBootstrap implements ApplicationRunner {

    static final String ADMIN_USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminAccountBootstrap.class);
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final String configuredPassword;

    AdminAccountBootstrap(UserRepository users, PasswordEncoder passwordEncoder,
                          @Value("${funnel.admin-password:}") String configuredPassword) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.configuredPassword = configuredPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        if (!Passwords.fitsHash(password)) {
            throw new IllegalStateException("FUNNEL_ADMIN_PASSWORD is longer than " + Passwords.MAX_BYTES
                    + " bytes (UTF-8); choose a shorter one");
        }
        users.insert(new NewUser(ADMIN_USERNAME, "Administrator", null, password, null, Set.of(Role.ADMIN)),
                passwordEncoder.encode(password), null);
        if (generated) {
            log.warn("\n\n  Created the administrator account.\n  Username: {}\n  Password: {}\n"
                    + "  This password is shown only once: sign in and keep it safe, or set FUNNEL_ADMIN_PASSWORD "
                    + "on a new installation.\n", ADMIN_USERNAME, password);
        } else {
            log.info("Created the administrator account '{}' with the password from FUNNEL_ADMIN_PASSWORD",
                    ADMIN_USERNAME);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
