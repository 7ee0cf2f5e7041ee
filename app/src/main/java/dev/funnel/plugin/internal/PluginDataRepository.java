package dev.funnel.plugin.internal;

import static dev.funnel.jooq.Tables.PLUGIN_LOG;
import static dev.funnel.jooq.Tables.PLUGIN_RECORD;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.plugin.PluginLogLine;
import dev.funnel.plugin.PluginRecord;
import dev.funnel.plugin.api.LogEntry;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Plugins' records (what administrators entered) and logs (what plugins did). */
@Repository
public class PluginDataRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Entries kept per plugin: the log is for seeing what happens, not an archive. */
    static final int LOG_KEPT = 1000;

    private final DSLContext db;

    PluginDataRepository(DSLContext db) {
        this.db = db;
    }

    public List<PluginRecord> records(String pluginId, String kind) {
        return db.selectFrom(PLUGIN_RECORD)
                .where(PLUGIN_RECORD.PLUGIN_ID.eq(pluginId)).and(PLUGIN_RECORD.KIND.eq(kind))
                .orderBy(PLUGIN_RECORD.ID)
                .fetch(r -> new PluginRecord(r.getId(), r.getKind(), read(r.getData()), r.getVersion()));
    }

    public Optional<PluginRecord> record(String pluginId, long id) {
        return db.selectFrom(PLUGIN_RECORD)
                .where(PLUGIN_RECORD.PLUGIN_ID.eq(pluginId)).and(PLUGIN_RECORD.ID.eq(id))
                .fetchOptional(r -> new PluginRecord(r.getId(), r.getKind(), read(r.getData()), r.getVersion()));
    }

    public long insert(String pluginId, String kind, Map<String, String> values, OffsetDateTime at, long by) {
        return db.insertInto(PLUGIN_RECORD)
                .set(PLUGIN_RECORD.PLUGIN_ID, pluginId).set(PLUGIN_RECORD.KIND, kind)
                .set(PLUGIN_RECORD.DATA, write(values))
                .set(PLUGIN_RECORD.CREATED_AT, at).set(PLUGIN_RECORD.CREATED_BY, by)
                .set(PLUGIN_RECORD.UPDATED_AT, at).set(PLUGIN_RECORD.UPDATED_BY, by)
                .returning(PLUGIN_RECORD.ID).fetchOne(PLUGIN_RECORD.ID);
    }

    /** Answers false when the version is not the current one. */
    public boolean update(String pluginId, long id, int version, Map<String, String> values, OffsetDateTime at,
                          long by) {
        return db.update(PLUGIN_RECORD)
                .set(PLUGIN_RECORD.DATA, write(values))
                .set(PLUGIN_RECORD.VERSION, PLUGIN_RECORD.VERSION.plus(1))
                .set(PLUGIN_RECORD.UPDATED_AT, at).set(PLUGIN_RECORD.UPDATED_BY, by)
                .where(PLUGIN_RECORD.PLUGIN_ID.eq(pluginId)).and(PLUGIN_RECORD.ID.eq(id))
                .and(PLUGIN_RECORD.VERSION.eq(version))
                .execute() == 1;
    }

    /** Rewrites a record's values as they are, without a new version: the values mean the same. */
    public void replaceValues(String pluginId, long id, Map<String, String> values) {
        db.update(PLUGIN_RECORD).set(PLUGIN_RECORD.DATA, write(values))
                .where(PLUGIN_RECORD.PLUGIN_ID.eq(pluginId)).and(PLUGIN_RECORD.ID.eq(id)).execute();
    }

    public boolean delete(String pluginId, long id, int version) {
        return db.deleteFrom(PLUGIN_RECORD)
                .where(PLUGIN_RECORD.PLUGIN_ID.eq(pluginId)).and(PLUGIN_RECORD.ID.eq(id))
                .and(PLUGIN_RECORD.VERSION.eq(version))
                .execute() == 1;
    }

    public void log(String pluginId, LogEntry entry, OffsetDateTime at) {
        db.insertInto(PLUGIN_LOG)
                .set(PLUGIN_LOG.PLUGIN_ID, pluginId).set(PLUGIN_LOG.LOGGED_AT, at)
                .set(PLUGIN_LOG.SUBJECT, cut(entry.subject(), 300)).set(PLUGIN_LOG.TARGET, cut(entry.target(), 1000))
                .set(PLUGIN_LOG.STATUS, cut(entry.status(), 40)).set(PLUGIN_LOG.ATTEMPT, entry.attempt())
                .set(PLUGIN_LOG.CODE, entry.code()).set(PLUGIN_LOG.DETAIL, cut(entry.detail(), 4000))
                .execute();
        db.deleteFrom(PLUGIN_LOG).where(PLUGIN_LOG.PLUGIN_ID.eq(pluginId))
                .and(PLUGIN_LOG.ID.lt(db.select(PLUGIN_LOG.ID).from(PLUGIN_LOG)
                        .where(PLUGIN_LOG.PLUGIN_ID.eq(pluginId)).orderBy(PLUGIN_LOG.ID.desc())
                        .offset(LOG_KEPT - 1).limit(1).asField()))
                .execute();
    }

    public List<PluginLogLine> log(String pluginId, int limit) {
        return db.selectFrom(PLUGIN_LOG).where(PLUGIN_LOG.PLUGIN_ID.eq(pluginId))
                .orderBy(PLUGIN_LOG.ID.desc()).limit(limit)
                .fetch(r -> new PluginLogLine(r.getId(), r.getLoggedAt(), r.getSubject(), r.getTarget(),
                        r.getStatus(), r.getAttempt(), r.getCode(), r.getDetail()));
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plugin record holds a JSON object of strings", e);
        }
    }

    static String write(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plugin record holds a JSON object of strings", e);
        }
    }
}
