package dev.funnel.plugins.companyregistry;

import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.PluginSettings;
import dev.funnel.plugin.api.RecordKind;
import dev.funnel.plugin.api.SettingField;
import dev.funnel.plugin.api.SettingType;
import java.util.List;
import org.pf4j.Extension;

/** The registry service the company bought access to: its address, the application key and the secret key. */
@Extension
public class RegistrySettings implements PluginSettings {

    public static final String SERVICE = "service";
    public static final String BASE_URL = "baseUrl";
    public static final String KEY = "key";
    public static final String SECRET = "secretKey";

    @Override
    public List<RecordKind> recordKinds() {
        return List.of(new RecordKind(SERVICE, LocalizedText.of("Registry service", "工商信息服务"), List.of(
                new SettingField(BASE_URL, LocalizedText.of("API address, e.g. https://api.qichacha.com",
                        "接口地址，例如 https://api.qichacha.com"), SettingType.URL, true, List.of()),
                new SettingField(KEY, LocalizedText.of("Application key (AppKey)", "应用密钥（AppKey）"),
                        SettingType.TEXT, true, List.of()),
                new SettingField(SECRET, LocalizedText.of("Secret key", "密钥（SecretKey）"), SettingType.SECRET,
                        true, List.of()))));
    }
}
