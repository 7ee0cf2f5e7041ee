package dev.funnel.testsupport;

import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Base of the tests that need the whole application against the run's PostgreSQL database. All share one Spring
 * context (one set of configuration, so Spring caches it) and one database, so each test makes its own uniquely
 * named data through {@link TestData}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(MovableClock.Config.class)
public abstract class IntegrationTest {

    @Autowired
    protected TestData data;

    @Autowired
    protected MovableClock clock;

    /** Signs in as the given user for the rest of the test (or until the next call). */
    protected void signIn(String username) {
        data.signIn(username);
    }

    protected <T> T as(String username, Supplier<T> action) {
        return data.as(username, action);
    }

    @AfterEach
    void signOutAndResetTheClock() {
        data.signOut();
        clock.reset();
    }
}
