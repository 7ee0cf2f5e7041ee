package dev.funnel.plugin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import jakarta.annotation.PreDestroy;
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
    private static final int MAX_THREADS = 16;
    /** After this many failures in a row, a plugin's extensions are skipped for a while. */
    static final int FAILURES_BEFORE_SUSPENSION = 3;
    static final Duration SUSPENSION = Duration.ofMinutes(5);

    private final PluginManager plugins;
    private final Duration timeLimit;
    /**
     * Bounded: a plugin that ignores interruption keeps its thread, so an unbounded pool would let one bad plugin
     * pile up threads; when all are busy, further calls fail at once instead of queueing behind it.
     */
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "funnel-plugin-call");
                thread.setDaemon(true);
                return thread;
            });
    /** Calls of each plugin under way, including those past their time limit that ignored being stopped. */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> running = new ConcurrentHashMap<>();
    /** At most this many calls of one plugin at a time, so that a plugin that hangs cannot take every thread. */
    static final int MAX_RUNNING_PER_PLUGIN = MAX_THREADS / 2;
    private final Map<String, String> lastFailures = new ConcurrentHashMap<>();
    private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();
    private final Map<String, Instant> suspendedUntil = new ConcurrentHashMap<>();

    /** Hands a context-aware extension its plugin's context before its first call; in the guard, as plugin code. */
    private final java.util.function.Consumer<Object> attach;

    ExtensionGuard(PluginManager plugins, Duration timeLimit) {
        this(plugins, timeLimit, extension -> { });
    }

    @org.springframework.beans.factory.annotation.Autowired
    ExtensionGuard(PluginManager plugins, @Value("${funnel.plugin-timeout:5s}") Duration timeLimit,
                   org.springframework.beans.factory.ObjectProvider<dev.funnel.plugin.internal.PluginContexts> contexts) {
        this(plugins, timeLimit, extension -> contexts.getObject().attachIfNeeded(extension));
    }

    private ExtensionGuard(PluginManager plugins, Duration timeLimit, java.util.function.Consumer<Object> attach) {
        this.plugins = plugins;
        this.timeLimit = timeLimit;
        this.attach = attach;
    }

    /**
     * Calls every extension of a type in every started plugin and returns what each answered, skipping those
     * that failed. Even creating a plugin's extensions runs plugin code (constructors, static initialisers), so
     * that too happens under the guard, plugin by plugin.
     */
    public <T, R> List<R> callAll(Class<T> extensionPoint, Function<T, R> call) {
        List<R> results = new ArrayList<>();
        forEachStarted(extensionPoint, call, results);
        return results;
    }

    /**
     * Calls every extension of a type in every started plugin, for calls that must reach each of them (handing
     * over an event): answers how many did not take it — failed, timed out, not created, or skipped because
     * their plugin is suspended for now — so that the caller can hand it over again later.
     */
    public <T> int callEach(Class<T> extensionPoint, Consumer<T> call) {
        return forEachStarted(extensionPoint, extension -> {
            call.accept(extension);
            return Boolean.TRUE;
        }, new ArrayList<>());
    }

    /** Calls the extensions plugin by plugin, collecting the answers; answers how many extensions gave none. */
    private <T, R> int forEachStarted(Class<T> extensionPoint, Function<T, R> call, List<R> results) {
        int missed = 0;
        for (PluginWrapper plugin : plugins.getStartedPlugins()) {
            String pluginId = plugin.getPluginId();
            if (isSuspended(pluginId)) {
                // only a plugin that has such extensions misses the call; finding out loads no plugin code
                missed += plugins.getExtensionClasses(extensionPoint, pluginId).size();
                continue;
            }
            List<T> extensions;
            try {
                extensions = plugins.getExtensions(extensionPoint, pluginId);
            } catch (RuntimeException | LinkageError e) {
                record(pluginId, extensionPoint.getSimpleName() + " could not be created: " + describe(e), e);
                missed++;
                continue;
            }
            for (T extension : extensions) {
                Optional<R> answer = call(extension, call);
                answer.ifPresent(results::add);
                if (answer.isEmpty()) {
                    missed++;
                }
            }
        }
        return missed;
    }

    /** The id of the plugin an extension came from, or empty for one the host made itself. */
    public Optional<String> pluginIdOf(Object extension) {
        return Optional.ofNullable(plugins.whichPlugin(extension.getClass())).map(PluginWrapper::getPluginId);
    }

    /**
     * The extensions of a type in every started plugin, also those of plugins skipped for now, for callers that
     * keep a verdict per extension and must say "skipped" rather than forget it. Call them only through
     * {@link #attempt} or {@link #call}; one that cannot be created is left out (and shown).
     */
    public <T> List<T> extensions(Class<T> extensionPoint) {
        List<T> all = new ArrayList<>();
        for (PluginWrapper plugin : plugins.getStartedPlugins()) {
            try {
                all.addAll(plugins.getExtensions(extensionPoint, plugin.getPluginId()));
            } catch (RuntimeException | LinkageError e) {
                record(plugin.getPluginId(), extensionPoint.getSimpleName() + " could not be created: "
                        + describe(e), e);
            }
        }
        return all;
    }

    /** As {@link #callAll}, for the extensions of one started plugin only. */
    public <T, R> List<R> callPlugin(String pluginId, Class<T> extensionPoint, Function<T, R> call) {
        PluginWrapper plugin = plugins.getPlugin(pluginId);
        if (plugin == null || plugin.getPluginState() != org.pf4j.PluginState.STARTED || isSuspended(pluginId)) {
            return List.of();
        }
        List<T> extensions;
        try {
            extensions = plugins.getExtensions(extensionPoint, pluginId);
        } catch (RuntimeException | LinkageError e) {
            record(pluginId, extensionPoint.getSimpleName() + " could not be created: " + describe(e), e);
            return List.of();
        }
        List<R> results = new ArrayList<>();
        for (T extension : extensions) {
            call(extension, call).ifPresent(results::add);
        }
        return results;
    }

    /** Calls one extension under the guard. */
    public <T, R> Optional<R> call(T extension, Function<T, R> call) {
        return attempt(extension, call, timeLimit).answer();
    }

    /**
     * Calls one extension under the guard and says why it gave no answer, for callers that show the reason
     * beside the record it concerns (a deal's "score unavailable").
     *
     * @param timeLimit how long the call may take; longer than the usual for work such as training a model
     */
    public <T, R> Attempt<R> attempt(T extension, Function<T, R> call, Duration timeLimit) {
        String pluginId = pluginOf(extension);
        if (isSuspended(pluginId)) {
            return Attempt.failed("the plugin " + pluginId + " is skipped for now after repeated failures; the last: "
                    + lastFailures.getOrDefault(pluginId, "unknown"));
        }
        java.util.concurrent.atomic.AtomicInteger busy = running.computeIfAbsent(pluginId,
                id -> new java.util.concurrent.atomic.AtomicInteger());
        if (busy.get() >= MAX_RUNNING_PER_PLUGIN) {
            // calls that outlived their time limit and ignore being stopped: one plugin must not take every thread
            return failed(pluginId, extension, "was not called: " + busy.get()
                    + " earlier calls of its plugin are still running past their time limit", null);
        }
        Future<R> future;
        try {
            busy.incrementAndGet();
            future = executor.submit(() -> {
                try {
                    attach.accept(extension);
                    return call.apply(extension);
                } finally {
                    busy.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException rejected) {
            busy.decrementAndGet();
            Attempt<R> refused = failed(pluginId, extension, "was not called: all " + MAX_THREADS
                    + " plugin threads are busy", null);
            return refused.onTheHostsSide();
        }
        try {
            R result = future.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            if (result == null) {
                return failed(pluginId, extension, "answered null", null);
            }
            failuresInARow.remove(pluginId);
            return new Attempt<>(result, null, null, false);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(pluginId, extension, "did not answer within " + timeLimit.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(pluginId, extension, describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return Attempt.<R>failed(extension.getClass().getName() + " was interrupted: the host is stopping")
                    .onTheHostsSide();
        }
    }

    /**
     * What a guarded call gave: an answer, or why there is none.
     *
     * @param failure  the reason, naming the extension; null when there is an answer
     * @param thrown   what the extension threw, when that is why
     * @param hostSide whether the host, not the extension, is why (its threads all busy, the host stopping):
     *                 nothing to hold against the extension's results
     */
    public record Attempt<R>(R value, String failure, Throwable thrown, boolean hostSide) {

        static <R> Attempt<R> failed(String why) {
            return new Attempt<>(null, why, null, false);
        }

        Attempt<R> onTheHostsSide() {
            return new Attempt<>(value, failure, thrown, true);
        }

        public Optional<R> answer() {
            return Optional.ofNullable(value);
        }

        /** Whether the extension threw an exception of this type (not: failed some other way). */
        public boolean threw(Class<? extends Throwable> type) {
            return type.isInstance(thrown);
        }
    }

    /** The last failure of each plugin's extensions since start, with its time, by plugin id. */
    public Map<String, String> lastFailures() {
        return Map.copyOf(lastFailures);
    }

    private <R> Attempt<R> failed(String pluginId, Object extension, String reason, Throwable cause) {
        String failure = extension.getClass().getName() + " " + reason;
        record(pluginId, failure, cause);
        return new Attempt<>(null, failure, cause, false);
    }

    private void record(String pluginId, String message, Throwable cause) {
        Instant now = Instant.now();
        String note = message;
        if (failuresInARow.merge(pluginId, 1, Integer::sum) >= FAILURES_BEFORE_SUSPENSION) {
            failuresInARow.remove(pluginId);
            suspendedUntil.put(pluginId, now.plus(SUSPENSION));
            note = message + " (failed " + FAILURES_BEFORE_SUSPENSION + " times in a row: skipped until "
                    + now.plus(SUSPENSION).truncatedTo(ChronoUnit.SECONDS) + ")";
        }
        lastFailures.put(pluginId, now.truncatedTo(ChronoUnit.SECONDS) + " " + note);
        log.warn("Plugin '{}' failed and was skipped: {}", pluginId, note, cause);
    }

    private boolean isSuspended(String pluginId) {
        Instant until = suspendedUntil.get(pluginId);
        if (until == null) {
            return false;
        }
        if (Instant.now().isAfter(until)) {
            suspendedUntil.remove(pluginId);
            return false;
        }
        return true;
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private String pluginOf(Object extension) {
        PluginWrapper wrapper = plugins.whichPlugin(extension.getClass());
        return wrapper == null ? "(host)" : wrapper.getPluginId();
    }
}
