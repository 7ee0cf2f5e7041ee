package dev.funnel.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one way the host calls plugin code: each extension runs on a plugin thread with a time limit; an
 * exception or a time-out is logged, remembered against the plugin (shown in Admin &gt; Plugins) and skipped,
 * so the caller gets the results of the extensions that worked.
 */
@Component
public class ExtensionGuard {

    private static final Logger log = LoggerFactory.getLogger(ExtensionGuard.class);

    private final PluginManager plugins;
    private final Duration timeLimit;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "funnel-plugin-call");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> lastFailures = new ConcurrentHashMap<>();

    ExtensionGuard(PluginManager plugins, @Value("${funnel.plugin-timeout:5s}") Duration timeLimit) {
        this.plugins = plugins;
        this.timeLimit = timeLimit;
    }

    /** Calls every extension of a type and returns what each answered, skipping those that failed. */
    public <T, R> List<R> callAll(Class<T> extensionPoint, Function<T, R> call) {
        List<R> results = new ArrayList<>();
        for (T extension : plugins.getExtensions(extensionPoint)) {
            call(extension, call).ifPresent(results::add);
        }
        return results;
    }

    /** Calls one extension under the guard. */
    public <T, R> Optional<R> call(T extension, Function<T, R> call) {
        String pluginId = pluginOf(extension);
        Future<R> future = executor.submit(() -> call.apply(extension));
        try {
            R result = future.get(timeLimit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return Optional.ofNullable(result);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(pluginId, extension, "did not answer within " + timeLimit.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(pluginId, extension, cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return failed(pluginId, extension, "interrupted", e);
        }
    }

    /** The last failure of each plugin's extensions since start, by plugin id. */
    public Map<String, String> lastFailures() {
        return Map.copyOf(lastFailures);
    }

    private <R> Optional<R> failed(String pluginId, Object extension, String reason, Throwable cause) {
        String message = extension.getClass().getName() + " " + reason;
        lastFailures.put(pluginId, message);
        log.warn("Plugin '{}' failed and was skipped: {}", pluginId, message, cause);
        return Optional.empty();
    }

    private String pluginOf(Object extension) {
        PluginWrapper wrapper = plugins.whichPlugin(extension.getClass());
        return wrapper == null ? "(host)" : wrapper.getPluginId();
    }
}
