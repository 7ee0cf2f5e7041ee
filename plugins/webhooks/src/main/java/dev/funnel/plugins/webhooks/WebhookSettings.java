package dev.funnel.plugins.webhooks;

import dev.funnel.plugin.api.DomainEvent;
import dev.funnel.plugin.api.LocalizedText;
import dev.funnel.plugin.api.PluginSettings;
import dev.funnel.plugin.api.RecordKind;
import dev.funnel.plugin.api.SettingField;
import dev.funnel.plugin.api.SettingType;
import java.util.List;
import org.pf4j.Extension;

/**
 * What administrators register: targets, each a URL, the secret its deliveries are signed with, and the events
 * it wants.
 */
@Extension
public class WebhookSettings implements PluginSettings {

    /** The kind of record a target is. */
    public static final String TARGET = "target";
    public static final String URL = "url";
    public static final String SECRET = "secret";
    public static final String EVENTS = "events";

    /** The events a target can subscribe to. */
    public static final List<String> EVENT_TYPES = List.of(DomainEvent.OPPORTUNITY_CREATED,
            DomainEvent.OPPORTUNITY_STAGE_CHANGED, DomainEvent.OPPORTUNITY_WON, DomainEvent.OPPORTUNITY_LOST,
            DomainEvent.OPPORTUNITY_REASSIGNED, DomainEvent.CUSTOMER_CREATED, DomainEvent.TASK_DONE);

    @Override
    public List<RecordKind> recordKinds() {
        return List.of(new RecordKind(TARGET, LocalizedText.of("Webhook target", "Webhook 目标"), List.of(
                new SettingField(URL, LocalizedText.of("URL", "网址"), SettingType.URL, true, List.of()),
                new SettingField(SECRET, LocalizedText.of("Signing secret", "签名密钥"), SettingType.SECRET, true,
                        List.of()),
                new SettingField(EVENTS, LocalizedText.of("Events", "事件"), SettingType.CHOICES, true,
                        EVENT_TYPES))));
    }
}
