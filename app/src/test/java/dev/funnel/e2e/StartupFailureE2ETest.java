package dev.funnel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An administrator whose PostgreSQL is down gets one clear paragraph and a non-zero exit, not stack traces. */
class StartupFailureE2ETest {

    @Test
    void an_unreachable_database_stops_the_app_with_a_clear_paragraph() throws Exception {
        try (RunningApp app = RunningApp.start(Map.of("FUNNEL_DB_URL", "jdbc:postgresql://127.0.0.1:1/funnel"))) {
            int exit = app.awaitExit(Duration.ofMinutes(2));
            String output = app.output();

            assertThat(exit).isNotZero();
            assertThat(output).contains("Funnel could not use its PostgreSQL database at jdbc:postgresql://127.0.0.1:1/funnel")
                    .contains("pg_ctlcluster")
                    .contains("FUNNEL_DB_URL");
            assertThat(output).doesNotContain("\tat org.springframework");
        }
    }
}
