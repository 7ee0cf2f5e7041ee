package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.CHOICE;

import dev.funnel.pipeline.Choice;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
public class ChoiceRepository {

    private final DSLContext db;

    ChoiceRepository(DSLContext db) {
        this.db = db;
    }

    public boolean exists(String kind, String code) {
        return db.fetchExists(CHOICE, CHOICE.KIND.eq(kind).and(CHOICE.CODE.eq(code)));
    }

    /** Adds an entry at the end of its list, or brings back one that was retired. */
    public void add(Choice choice, long actorId) {
        int next = db.select(org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.max(CHOICE.POSITION), 0)).from(CHOICE)
                .where(CHOICE.KIND.eq(choice.kind())).fetchOne(0, Integer.class) + 1;
        db.insertInto(CHOICE).set(CHOICE.KIND, choice.kind()).set(CHOICE.CODE, choice.code())
                .set(CHOICE.LABEL_EN, choice.labelEn()).set(CHOICE.LABEL_ZH, choice.labelZh()).set(CHOICE.POSITION, next)
                .set(CHOICE.CREATED_BY, actorId).set(CHOICE.UPDATED_BY, actorId)
                .onConflict(CHOICE.KIND, CHOICE.CODE).doUpdate()
                .set(CHOICE.ACTIVE, true).set(CHOICE.LABEL_EN, choice.labelEn()).set(CHOICE.LABEL_ZH, choice.labelZh())
                .set(CHOICE.UPDATED_BY, actorId)
                .execute();
    }

    /** Retires an entry: it is no longer offered, and what already uses it keeps its code. */
    public boolean retire(String kind, String code, long actorId) {
        return db.update(CHOICE).set(CHOICE.ACTIVE, false).set(CHOICE.UPDATED_BY, actorId)
                .where(CHOICE.KIND.eq(kind).and(CHOICE.CODE.eq(code)).and(CHOICE.ACTIVE)).execute() == 1;
    }

    public List<Choice> active(String kind) {
        return db.selectFrom(CHOICE).where(CHOICE.KIND.eq(kind).and(CHOICE.ACTIVE)).orderBy(CHOICE.POSITION)
                .fetch(r -> new Choice(r.getKind(), r.getCode(), r.getLabelEn(), r.getLabelZh()));
    }
}
