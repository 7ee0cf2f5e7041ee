package dev.funnel.platform.internal;

import static dev.funnel.jooq.Tables.APP_SETTING;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The app_setting table: one text value per key. */
@Repository
public class AppSettingRepository {

    private final DSLContext db;

    AppSettingRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<String> find(String key) {
        return db.select(APP_SETTING.VALUE).from(APP_SETTING).where(APP_SETTING.KEY.eq(key))
                .fetchOptional(APP_SETTING.VALUE);
    }

    public void put(String key, String value, OffsetDateTime at) {
        db.insertInto(APP_SETTING).set(APP_SETTING.KEY, key).set(APP_SETTING.VALUE, value)
                .set(APP_SETTING.UPDATED_AT, at)
                .onConflict(APP_SETTING.KEY).doUpdate().set(APP_SETTING.VALUE, value).set(APP_SETTING.UPDATED_AT, at)
                .execute();
    }
}
