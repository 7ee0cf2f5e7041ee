package dev.funnel.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.platform.Messages;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BundlesTest {

    @Test
    void chinese_and_english_bundles_have_the_same_keys_and_no_empty_values() throws IOException {
        Properties english = load("i18n/messages.properties");
        Properties chinese = load("i18n/messages_zh_CN.properties");

        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(chinese.values()).allSatisfy(v -> assertThat(v.toString()).isNotBlank());
        assertThat(english.values()).allSatisfy(v -> assertThat(v.toString()).isNotBlank());
    }

    @Test
    void an_apostrophe_in_a_message_with_arguments_is_doubled_so_that_it_shows() throws IOException {
        // MessageFormat reads a single ' as the start of quoted text: "The deal's amount is {0}" would lose both
        for (String bundle : new String[] {"i18n/messages.properties", "i18n/messages_zh_CN.properties"}) {
            Properties messages = load(bundle);
            assertThat(messages.stringPropertyNames())
                    .filteredOn(key -> messages.getProperty(key).matches("(?s).*\\{\\d.*"))
                    .allSatisfy(key -> assertThat(messages.getProperty(key).replace("''", ""))
                            .as("%s in %s", key, bundle).doesNotContain("'"));
        }
    }

    @Test
    void every_message_with_arguments_is_a_valid_pattern() throws IOException {
        // a '#' inside a choice's nested format ({1,number,#}) breaks the choice: found only when shown
        for (String bundle : new String[] {"i18n/messages.properties", "i18n/messages_zh_CN.properties"}) {
            Properties messages = load(bundle);
            assertThat(messages.stringPropertyNames())
                    .filteredOn(key -> messages.getProperty(key).matches("(?s).*\\{\\d.*"))
                    .allSatisfy(key -> assertThat(new java.text.MessageFormat(messages.getProperty(key),
                            Locale.ENGLISH).format(new Object[] {1, 2, 3, 4, 5, 6})).as("%s in %s", key, bundle)
                            .isNotBlank());
        }
    }

    @Test
    void the_language_decides_the_text_and_arguments_are_filled_in() {
        Messages messages = new Messages();

        assertThat(messages.get("nav.customers", Locale.SIMPLIFIED_CHINESE)).isEqualTo("客户");
        assertThat(messages.get("nav.customers", Locale.forLanguageTag("zh-TW"))).isEqualTo("客户");
        assertThat(messages.get("nav.customers", Locale.GERMAN)).isEqualTo("Customers");
        assertThat(messages.get("validation.too-long", Locale.ENGLISH, 60)).isEqualTo("At most 60 characters");
        assertThat(messages.get("validation.currency", Locale.ENGLISH, "XYZ")).startsWith("'XYZ' is not");
        assertThat(messages.get("no.such.key", Locale.ENGLISH)).isEqualTo("!no.such.key");
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(BundlesTest.class.getClassLoader().getResourceAsStream(resource),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
