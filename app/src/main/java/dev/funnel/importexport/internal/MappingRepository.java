package dev.funnel.importexport.internal;

import static dev.funnel.jooq.Tables.IMPORT_MAPPING;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.importexport.ImportEntity;
import dev.funnel.importexport.ImportMapping;
import dev.funnel.importexport.SavedMapping;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Saved import mappings, kept as the same JSON the API takes. */
@Repository
public class MappingRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DSLContext db;
    /** Audit times follow the application's clock, like every other time it writes. */
    private final Clock clock;

    MappingRepository(DSLContext db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<SavedMapping> find(ImportEntity entity) {
        return db.selectFrom(IMPORT_MAPPING).where(IMPORT_MAPPING.ENTITY.eq(entity.key()))
                .orderBy(IMPORT_MAPPING.NAME)
                .fetch(r -> new SavedMapping(r.getId(), entity, r.getName(), parse(r.getMapping())));
    }

    /** Saves under the name, replacing a mapping of the same name for the same kind of file. */
    public void save(ImportEntity entity, String name, ImportMapping mapping, long actorId) {
        String json = write(mapping);
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.insertInto(IMPORT_MAPPING)
                .set(IMPORT_MAPPING.ENTITY, entity.key())
                .set(IMPORT_MAPPING.NAME, name.trim())
                .set(IMPORT_MAPPING.MAPPING, json)
                .set(IMPORT_MAPPING.CREATED_BY, actorId)
                .set(IMPORT_MAPPING.UPDATED_BY, actorId)
                .onConflict(IMPORT_MAPPING.ENTITY, IMPORT_MAPPING.NAME).doUpdate()
                .set(IMPORT_MAPPING.MAPPING, json)
                .set(IMPORT_MAPPING.VERSION, IMPORT_MAPPING.VERSION.plus(1))
                .set(IMPORT_MAPPING.UPDATED_AT, now)
                .set(IMPORT_MAPPING.UPDATED_BY, actorId)
                .execute();
    }

    public static String write(ImportMapping mapping) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a mapping is plain data", e);
        }
    }

    private static ImportMapping parse(String json) {
        try {
            return JSON.readValue(json, ImportMapping.class);
        } catch (JsonProcessingException e) {
            return ImportMapping.of(java.util.Map.of());
        }
    }
}
