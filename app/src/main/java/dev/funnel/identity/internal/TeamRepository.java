package dev.funnel.identity.internal;

import static dev.funnel.jooq.Tables.APP_USER;
import static dev.funnel.jooq.Tables.TEAM;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;

import dev.funnel.identity.NewTeam;
import dev.funnel.identity.Team;
import dev.funnel.jooq.tables.AppUser;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record7;
import org.jooq.SelectOnConditionStep;
import org.springframework.stereotype.Repository;

@Repository
public class TeamRepository {

    private static final AppUser MANAGER = APP_USER.as("manager");

    private final DSLContext db;

    TeamRepository(DSLContext db) {
        this.db = db;
    }

    public List<Team> findAll() {
        return teams().orderBy(TEAM.NAME).fetch(TeamRepository::toTeam);
    }

    /** One page of the teams, in id order, narrowed by an integration's sync window. */
    public List<Team> find(dev.funnel.platform.SyncWindow window, long offset, int limit) {
        return teams().where(window.holds(TEAM.UPDATED_AT, TEAM.ID)).orderBy(TEAM.ID).limit(limit).offset(offset)
                .fetch(TeamRepository::toTeam);
    }

    public long countIn(dev.funnel.platform.SyncWindow window) {
        return db.fetchCount(TEAM, window.holds(TEAM.UPDATED_AT, TEAM.ID));
    }

    public Optional<Team> findById(long id) {
        return teams().where(TEAM.ID.eq(id)).fetchOptional(TeamRepository::toTeam);
    }

    public Optional<Team> findByName(String name) {
        return teams().where(TEAM.NAME.equalIgnoreCase(name)).fetchOptional(TeamRepository::toTeam);
    }

    public boolean nameTaken(String name) {
        return db.fetchExists(TEAM, TEAM.NAME.equalIgnoreCase(name));
    }

    public long insert(NewTeam team, Long actorId) {
        return db.insertInto(TEAM)
                .set(TEAM.NAME, team.name())
                .set(TEAM.PARENT_ID, team.parentId())
                .set(TEAM.MANAGER_ID, team.managerId())
                .set(TEAM.CREATED_BY, actorId)
                .set(TEAM.UPDATED_BY, actorId)
                .returning(TEAM.ID)
                .fetchOne(TEAM.ID);
    }

    /** Writes a team's new name, parent and manager if it is still at the version read; answers whether it was. */
    public boolean update(long id, NewTeam team, int version, long actorId, java.time.OffsetDateTime now) {
        return db.update(TEAM)
                .set(TEAM.NAME, team.name())
                .set(TEAM.PARENT_ID, team.parentId())
                .set(TEAM.MANAGER_ID, team.managerId())
                .set(TEAM.VERSION, version + 1)
                .set(TEAM.UPDATED_AT, now)
                .set(TEAM.UPDATED_BY, actorId)
                .where(TEAM.ID.eq(id).and(TEAM.VERSION.eq(version)))
                .execute() == 1;
    }

    /** Whether another team than this one has the name. */
    public boolean nameTakenByAnother(String name, long id) {
        return db.fetchExists(TEAM, TEAM.NAME.equalIgnoreCase(name).and(TEAM.ID.ne(id)));
    }

    private SelectOnConditionStep<Record7<Long, String, Long, Long, String, Integer, Integer>> teams() {
        return db.select(TEAM.ID, TEAM.NAME, TEAM.PARENT_ID, TEAM.MANAGER_ID, MANAGER.FULL_NAME,
                        field(select(count()).from(APP_USER).where(APP_USER.TEAM_ID.eq(TEAM.ID))), TEAM.VERSION)
                .from(TEAM)
                .leftJoin(MANAGER).on(MANAGER.ID.eq(TEAM.MANAGER_ID));
    }

    private static Team toTeam(Record7<Long, String, Long, Long, String, Integer, Integer> r) {
        return new Team(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7());
    }
}
