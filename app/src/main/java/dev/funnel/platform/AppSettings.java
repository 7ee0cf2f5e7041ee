package dev.funnel.platform;

import dev.funnel.platform.internal.AppSettingRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Installation-wide facts kept as text under a key (for example when the demo company was seeded). For the
 * modules' own code, not for the UI or the API: whoever offers a setting to people guards it in their service.
 */
@Component
public class AppSettings {

    private final AppSettingRepository settings;
    private final Clock clock;

    AppSettings(AppSettingRepository settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Optional<String> get(String key) {
        return settings.find(key);
    }

    /** Sets the value, replacing the one the key had. */
    public void put(String key, String value) {
        settings.put(key, value, OffsetDateTime.now(clock));
    }
}
