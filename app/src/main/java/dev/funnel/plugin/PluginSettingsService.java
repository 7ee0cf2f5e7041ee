package dev.funnel.plugin;

import dev.funnel.audit.AuditLog;
import dev.funnel.identity.Role;
import dev.funnel.identity.UserService;
import dev.funnel.platform.FieldProblem;
import dev.funnel.platform.InvalidInputException;
import dev.funnel.platform.NotFoundException;
import dev.funnel.platform.StaleVersionException;
import dev.funnel.plugin.api.PluginSettings;
import dev.funnel.plugin.api.RecordKind;
import dev.funnel.plugin.api.SettingField;
import dev.funnel.plugin.api.SettingProblem;
import dev.funnel.plugin.api.SettingType;
import dev.funnel.plugin.internal.DestinationPolicy;
import dev.funnel.plugin.internal.PluginDataRepository;
import dev.funnel.plugin.internal.SecretBox;
import jakarta.annotation.security.RolesAllowed;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin &gt; Plugins: the records administrators enter for a plugin (the kinds its {@link PluginSettings}
 * declares), checked by field type before the plugin's own checks, and the plugin's log.
 */
@Service
@Transactional(readOnly = true)
public class PluginSettingsService {

    /** Shown instead of a stored secret; sending it back keeps the secret. */
    public static final String MASK = "••••••••";
    static final int TEXT_MAX = 500;
    static final int SECRET_MIN = 16;

    private final ExtensionGuard guard;
    private final PluginDataRepository data;
    private final UserService users;
    private final Clock clock;
    private final DestinationPolicy destinations;
    private final SecretBox secrets;
    private final AuditLog audit;

    PluginSettingsService(ExtensionGuard guard, PluginDataRepository data, UserService users, Clock clock,
                          DestinationPolicy destinations, SecretBox secrets, AuditLog audit) {
        this.audit = audit;
        this.destinations = destinations;
        this.secrets = secrets;
        this.guard = guard;
        this.data = data;
        this.users = users;
        this.clock = clock;
    }

    /** The kinds of records the plugin declares; empty when it declares none or is not started. */
    @RolesAllowed(Role.Names.ADMIN)
    public List<RecordKind> kinds(String pluginId) {
        return guard.callPlugin(pluginId, PluginSettings.class, PluginSettings::recordKinds).stream()
                .flatMap(List::stream).toList();
    }

    /** The records of a kind, secrets masked. */
    @RolesAllowed(Role.Names.ADMIN)
    public List<PluginRecord> records(String pluginId, String kind) {
        RecordKind declared = kind(pluginId, kind);
        return data.records(pluginId, kind).stream().map(r -> masked(r, declared)).toList();
    }

    /**
     * Adds a record (id null) or replaces one (its id and the version it was read at). A secret sent back as
     * {@link #MASK} or blank keeps the stored one. Each field is checked by its type, then by the plugin.
     */
    @RolesAllowed(Role.Names.ADMIN)
    @Transactional
    public PluginRecord save(String pluginId, String kind, Long id, Integer version, Map<String, String> values) {
        RecordKind declared = kind(pluginId, kind);
        Optional<PluginRecord> stored = id == null ? Optional.empty()
                : Optional.of(data.record(pluginId, id).filter(r -> r.kind().equals(kind))
                .orElseThrow(() -> new NotFoundException("plugin record", id)));
        Map<String, String> clean = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (SettingField field : declared.fields()) {
            String value = values == null ? null : values.get(field.key());
            value = value == null ? null : value.trim();
            if (field.type() == SettingType.SECRET && (value == null || value.isEmpty() || MASK.equals(value))) {
                value = stored.map(r -> secrets.open(r.values().get(field.key()))).orElse(null);
            }
            if (value == null || value.isEmpty()) {
                if (field.required()) {
                    problems.add(new FieldProblem(field.key(), "validation.required", List.of()));
                }
                continue;
            }
            check(field, value).ifPresent(problems::add);
            clean.put(field.key(), value);
        }
        if (problems.isEmpty()) {
            guard.callPlugin(pluginId, PluginSettings.class, settings -> settings.validate(kind, Map.copyOf(clean)))
                    .stream().flatMap(List::stream)
                    .map(PluginSettingsService::problem).forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        long me = users.current().id();
        Map<String, String> sealed = sealSecrets(declared, clean);
        long recordId;
        if (stored.isEmpty()) {
            recordId = data.insert(pluginId, kind, sealed, now, me);
        } else {
            if (version == null || !data.update(pluginId, id, version, sealed, now, me)) {
                throw new StaleVersionException("plugin record", id);
            }
            recordId = id;
        }
        // what changed, never the secrets themselves
        audit.record(stored.isEmpty() ? "plugin.record.created" : "plugin.record.changed", pluginId + "/" + kind,
                recordId, String.join(", ", masked(new PluginRecord(recordId, kind, clean, 0), declared).values()
                        .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        return masked(data.record(pluginId, recordId).orElseThrow(), declared);
    }

    /** The values as stored: secrets sealed with the installation's key, the rest as entered. */
    private Map<String, String> sealSecrets(RecordKind kind, Map<String, String> values) {
        Map<String, String> sealed = new LinkedHashMap<>(values);
        kind.fields().stream().filter(f -> f.type() == SettingType.SECRET && sealed.containsKey(f.key()))
                .forEach(f -> sealed.put(f.key(), secrets.seal(sealed.get(f.key()))));
        return sealed;
    }

    /**
     * Seals the secrets stored before they were sealed (Funnel 0.1 kept them in plain text); run at start-up,
     * once the plugins have said which of their fields are secrets.
     *
     * @return how many records were sealed
     */
    @Transactional
    @jakarta.annotation.security.PermitAll
    public int sealStoredSecrets(String pluginId) {
        int sealedRecords = 0;
        for (RecordKind kind : guard.callPlugin(pluginId, PluginSettings.class, PluginSettings::recordKinds)
                .stream().flatMap(List::stream).toList()) {
            for (PluginRecord record : data.records(pluginId, kind.name())) {
                Map<String, String> sealed = sealSecrets(kind, record.values());
                if (!sealed.equals(record.values())) {
                    data.replaceValues(pluginId, record.id(), sealed);
                    sealedRecords++;
                }
            }
        }
        return sealedRecords;
    }

    @RolesAllowed(Role.Names.ADMIN)
    @Transactional
    public void delete(String pluginId, long id, int version) {
        if (data.record(pluginId, id).isEmpty()) {
            throw new NotFoundException("plugin record", id);
        }
        if (!data.delete(pluginId, id, version)) {
            throw new StaleVersionException("plugin record", id);
        }
        audit.record("plugin.record.deleted", pluginId, id, null);
    }

    /** The plugin's latest log entries, newest first. */
    @RolesAllowed(Role.Names.ADMIN)
    public List<PluginLogLine> log(String pluginId, int limit) {
        return data.log(pluginId, Math.max(1, Math.min(limit, 500)));
    }

    private RecordKind kind(String pluginId, String kind) {
        return kinds(pluginId).stream().filter(k -> k.name().equals(kind)).findFirst()
                .orElseThrow(() -> new NotFoundException("plugin record kind", pluginId + "/" + kind));
    }

    private Optional<FieldProblem> check(SettingField field, String value) {
        return switch (field.type()) {
            case TEXT -> value.length() > TEXT_MAX
                    ? Optional.of(new FieldProblem(field.key(), "validation.too-long", List.of(TEXT_MAX)))
                    : Optional.empty();
            case SECRET -> value.length() < SECRET_MIN
                    ? Optional.of(new FieldProblem(field.key(), "validation.plugin.secret", List.of(SECRET_MIN)))
                    : Optional.empty();
            case URL -> isWebAddress(value) ? reachable(field, URI.create(value).getHost())
                    : Optional.of(new FieldProblem(field.key(), "validation.plugin.url", List.of(value)));
            case CHOICES -> Arrays.stream(value.split(",")).map(String::trim)
                    .allMatch(field.choices()::contains) ? Optional.empty()
                    : Optional.of(new FieldProblem(field.key(), "validation.plugin.choices",
                            List.of(String.join(", ", field.choices()))));
        };
    }

    /**
     * A URL's host may not resolve to an internal address. A name that does not resolve now is accepted (its
     * DNS may not be set up yet): every connection checks again what it resolves to then.
     */
    private Optional<FieldProblem> reachable(SettingField field, String host) {
        try {
            return destinations.refusal(host).map(refusal -> new FieldProblem(field.key(),
                    "validation.plugin.url-internal", List.of(refusal.host(), refusal.address())));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An absolute http(s) address with a host. */
    static boolean isWebAddress(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static FieldProblem problem(SettingProblem problem) {
        return new FieldProblem(problem.field(), "validation.plugin.problem",
                List.of(problem.message().en(), problem.message().zh()));
    }

    private static PluginRecord masked(PluginRecord record, RecordKind kind) {
        Map<String, String> shown = new LinkedHashMap<>(record.values());
        kind.fields().stream().filter(f -> f.type() == SettingType.SECRET && shown.containsKey(f.key()))
                .forEach(f -> shown.put(f.key(), MASK));
        return new PluginRecord(record.id(), record.kind(), shown, record.version());
    }
}
