package dev.funnel.plugin.internal;

import dev.funnel.plugin.PluginRecord;
import dev.funnel.plugin.api.ContextAware;
import dev.funnel.plugin.api.Delivery;
import dev.funnel.plugin.api.LogEntry;
import dev.funnel.plugin.api.OutboundHttp;
import dev.funnel.plugin.api.PluginContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives each extension that wants it the context of its plugin, once. Extensions are singletons per plugin
 * (PluginManagerConfig), so an extension attached once stays attached. The context reads and writes the
 * plugin's rows on the calling plugin thread, each call in a short transaction of its own; deliveries it queues
 * are made by {@link PluginDeliveries}.
 */
@Component
public class PluginContexts {

    private final PluginManager plugins;
    private final PluginDataRepository data;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Set<Object> attached = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /** Lazily: the deliveries call back into this class to attach their handlers. */
    private final ObjectProvider<PluginDeliveries> deliveries;

    private final HostOutboundHttp http;
    private final SecretBox secrets;

    PluginContexts(PluginManager plugins, PluginDataRepository data, TransactionTemplate transaction, Clock clock,
                   ObjectProvider<PluginDeliveries> deliveries, HostOutboundHttp http, SecretBox secrets) {
        this.plugins = plugins;
        this.http = http;
        this.secrets = secrets;
        this.deliveries = deliveries;
        this.data = data;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Call inside the guard: attach runs plugin code. */
    public void attachIfNeeded(Object extension) {
        if (extension instanceof ContextAware aware && !attached.contains(extension)) {
            // one attach per extension, and the calls that come at the same time wait for it
            synchronized (extension) {
                if (!attached.contains(extension)) {
                    PluginWrapper plugin = plugins.whichPlugin(extension.getClass());
                    aware.attach(contextOf(plugin == null ? "(host)" : plugin.getPluginId()));
                    // only once it took: an attach that threw is tried again at the next call
                    attached.add(extension);
                }
            }
        }
    }

    private Map<String, String> opened(Map<String, String> values) {
        Map<String, String> opened = new java.util.LinkedHashMap<>();
        values.forEach((key, value) -> {
            String plain = secrets.open(value);
            if (plain != null) {
                opened.put(key, plain);
            }
        });
        return java.util.Collections.unmodifiableMap(opened);
    }

    PluginContext contextOf(String pluginId) {
        return new PluginContext() {
            @Override
            public List<Map<String, String>> records(String kind) {
                // the plugin gets its secrets opened; they are stored sealed
                return transaction.execute(status -> data.records(pluginId, kind)).stream()
                        .map(record -> opened(record.values())).toList();
            }

            @Override
            public void log(LogEntry entry) {
                transaction.executeWithoutResult(status -> data.log(pluginId, entry, OffsetDateTime.now(clock)));
            }

            @Override
            public void enqueue(Delivery delivery) {
                deliveries.getObject().enqueue(pluginId, delivery);
            }

            @Override
            public OutboundHttp http() {
                return http;
            }
        };
    }
}
