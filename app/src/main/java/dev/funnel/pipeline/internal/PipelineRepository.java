package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.PIPELINE;
import static dev.funnel.jooq.Tables.STAGE;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.selectFrom;

import dev.funnel.jooq.tables.records.StageRecord;
import dev.funnel.pipeline.NewPipeline;
import dev.funnel.pipeline.NewStage;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.pipeline.Stage;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

@Repository
public class PipelineRepository {

    private final DSLContext db;

    PipelineRepository(DSLContext db) {
        this.db = db;
    }

    public List<Pipeline> findAll() {
        return db.select(PIPELINE.fields()).select(stages())
                .from(PIPELINE)
                .orderBy(PIPELINE.IS_DEFAULT.desc(), PIPELINE.NAME)
                .fetch(PipelineRepository::toPipeline);
    }

    public Optional<Pipeline> findById(long id) {
        return db.select(PIPELINE.fields()).select(stages())
                .from(PIPELINE).where(PIPELINE.ID.eq(id))
                .fetchOptional(PipelineRepository::toPipeline);
    }

    public Optional<Stage> findStage(long stageId) {
        return db.selectFrom(STAGE).where(STAGE.ID.eq(stageId)).fetchOptional(PipelineRepository::toStage);
    }

    public boolean nameTaken(String name) {
        return db.fetchExists(PIPELINE, PIPELINE.NAME.equalIgnoreCase(name));
    }

    public long insert(NewPipeline pipeline, long actorId) {
        if (pipeline.isDefault()) {
            db.update(PIPELINE).set(PIPELINE.IS_DEFAULT, false).where(PIPELINE.IS_DEFAULT).execute();
        }
        long id = db.insertInto(PIPELINE)
                .set(PIPELINE.NAME, pipeline.name().trim())
                .set(PIPELINE.TEMPLATE_ID, pipeline.templateId())
                .set(PIPELINE.IS_DEFAULT, pipeline.isDefault())
                .set(PIPELINE.CREATED_BY, actorId)
                .set(PIPELINE.UPDATED_BY, actorId)
                .returning(PIPELINE.ID).fetchOne(PIPELINE.ID);
        int position = 1;
        for (NewStage stage : pipeline.stages()) {
            db.insertInto(STAGE)
                    .set(STAGE.PIPELINE_ID, id)
                    .set(STAGE.POSITION, position++)
                    .set(STAGE.NAME_EN, stage.nameEn().trim())
                    .set(STAGE.NAME_ZH, stage.nameZh().trim())
                    .set(STAGE.PROBABILITY, stage.probability())
                    .set(STAGE.CREATED_BY, actorId)
                    .set(STAGE.UPDATED_BY, actorId)
                    .execute();
        }
        return id;
    }

    private static Field<List<Stage>> stages() {
        return multiset(selectFrom(STAGE).where(STAGE.PIPELINE_ID.eq(PIPELINE.ID)).orderBy(STAGE.POSITION))
                .convertFrom(rows -> rows.map(r -> toStage(r.into(STAGE))));
    }

    private static Stage toStage(StageRecord r) {
        return new Stage(r.getId(), r.getPipelineId(), r.getPosition(), r.getNameEn(), r.getNameZh(), r.getProbability());
    }

    private static Pipeline toPipeline(Record r) {
        return new Pipeline(r.get(PIPELINE.ID), r.get(PIPELINE.NAME), r.get(PIPELINE.TEMPLATE_ID),
                r.get(PIPELINE.IS_DEFAULT), r.get(stages()), r.get(PIPELINE.VERSION));
    }
}
