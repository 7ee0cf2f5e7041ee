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

    public List<Choice> active(String kind) {
        return db.selectFrom(CHOICE).where(CHOICE.KIND.eq(kind).and(CHOICE.ACTIVE)).orderBy(CHOICE.POSITION)
                .fetch(r -> new Choice(r.getKind(), r.getCode(), r.getLabelEn(), r.getLabelZh()));
    }
}
