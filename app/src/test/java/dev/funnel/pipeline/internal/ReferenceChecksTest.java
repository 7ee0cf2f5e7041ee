package dev.funnel.pipeline.internal;

import static dev.funnel.jooq.Tables.OPPORTUNITY;
import static dev.funnel.jooq.Tables.OPPORTUNITY_LINE;
import static dev.funnel.jooq.Tables.STAGE;
import static dev.funnel.jooq.Tables.STAGE_HISTORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.identity.Role;
import dev.funnel.identity.UserSummary;
import dev.funnel.pipeline.Opportunity;
import dev.funnel.pipeline.Pipeline;
import dev.funnel.testsupport.IntegrationTest;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deal tables check their references once per statement (changelog 1.2/bulk-references.xml) instead of with
 * per-row foreign keys: these tests hold the database to the same guarantee a foreign key gives, for single rows,
 * for bulk COPY and for updates, and to the rule that makes it safe — referenced rows are never deleted.
 */
class ReferenceChecksTest extends IntegrationTest {

    private static final long MISSING = Long.MAX_VALUE - 7;

    @Autowired
    DSLContext db;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void historyNamingAMissingStageIsRefusedAndNothingIsWritten() {
        Fixture f = fixture();
        int before = historyCount(f.deal().id());

        assertThatThrownBy(() -> db.insertInto(STAGE_HISTORY, STAGE_HISTORY.OPPORTUNITY_ID, STAGE_HISTORY.EVENT,
                        STAGE_HISTORY.TO_STAGE_ID, STAGE_HISTORY.CHANGED_AT)
                .values(f.deal().id(), "MOVED", MISSING, OffsetDateTime.now(clock)).execute())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("refers to a missing stage " + MISSING);
        assertThat(historyCount(f.deal().id())).isEqualTo(before);
    }

    @Test
    void historyNamingAMissingUserOrOpportunityIsRefused() {
        Fixture f = fixture();
        long stage = f.pipeline().stages().get(1).id();

        assertThatThrownBy(() -> db.insertInto(STAGE_HISTORY, STAGE_HISTORY.OPPORTUNITY_ID, STAGE_HISTORY.EVENT,
                        STAGE_HISTORY.TO_STAGE_ID, STAGE_HISTORY.CHANGED_BY, STAGE_HISTORY.CHANGED_AT)
                .values(f.deal().id(), "MOVED", stage, MISSING, OffsetDateTime.now(clock)).execute())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("missing user (app_user " + MISSING + ")");
        assertThatThrownBy(() -> db.insertInto(STAGE_HISTORY, STAGE_HISTORY.OPPORTUNITY_ID, STAGE_HISTORY.EVENT,
                        STAGE_HISTORY.TO_STAGE_ID, STAGE_HISTORY.CHANGED_AT)
                .values(MISSING, "MOVED", stage, OffsetDateTime.now(clock)).execute())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("missing opportunity");
    }

    @Test
    void oneBadRowAmongManyInABulkCopyRefusesTheWholeStatement() {
        Fixture f = fixture();
        long stage = f.pipeline().stages().get(1).id();
        OffsetDateTime at = OffsetDateTime.now(clock);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(new Object[] {f.deal().id(), "MOVED", null, i == 737 ? MISSING : stage, f.rep().id(), at});
        }
        int before = historyCount(f.deal().id());

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> PgCopy.copy(db, "stage_history",
                List.of("opportunity_id", "event", "from_stage_id", "to_stage_id", "changed_by", "changed_at"),
                rows)))
                .hasStackTraceContaining("refers to a missing stage " + MISSING);
        assertThat(historyCount(f.deal().id())).isEqualTo(before);

        rows.set(737, rows.get(0));
        transaction.executeWithoutResult(status -> PgCopy.copy(db, "stage_history",
                List.of("opportunity_id", "event", "from_stage_id", "to_stage_id", "changed_by", "changed_at"),
                rows));
        assertThat(historyCount(f.deal().id())).isEqualTo(before + 1_000);
    }

    @Test
    void anOpportunityCannotBeGivenAMissingOwnerStageOrCustomer() {
        Fixture f = fixture();
        long id = f.deal().id();

        assertThatThrownBy(() -> db.update(OPPORTUNITY).set(OPPORTUNITY.OWNER_ID, MISSING)
                .where(OPPORTUNITY.ID.eq(id)).execute())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("opportunity " + id + " refers to a missing owner (app_user " + MISSING + ")");
        assertThatThrownBy(() -> db.update(OPPORTUNITY).set(OPPORTUNITY.STAGE_ID, MISSING)
                .where(OPPORTUNITY.ID.eq(id)).execute())
                .hasMessageContaining("missing stage " + MISSING);
        assertThatThrownBy(() -> db.update(OPPORTUNITY).set(OPPORTUNITY.CUSTOMER_ID, MISSING)
                .where(OPPORTUNITY.ID.eq(id)).execute())
                .hasMessageContaining("missing customer " + MISSING);
        assertThat(db.select(OPPORTUNITY.OWNER_ID, OPPORTUNITY.STAGE_ID).from(OPPORTUNITY)
                .where(OPPORTUNITY.ID.eq(id)).fetchOne().intoArray())
                .containsExactly(f.rep().id(), f.deal().stageId());
    }

    @Test
    void aProductLineNamingAMissingProductIsRefused() {
        Fixture f = fixture();

        assertThatThrownBy(() -> db.insertInto(OPPORTUNITY_LINE, OPPORTUNITY_LINE.OPPORTUNITY_ID,
                        OPPORTUNITY_LINE.PRODUCT_ID, OPPORTUNITY_LINE.QUANTITY, OPPORTUNITY_LINE.UNIT_PRICE)
                .values(f.deal().id(), MISSING, BigDecimal.ONE, BigDecimal.TEN).execute())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("missing product " + MISSING);
    }

    @Test
    void rowsOthersReferToAreNeverDeleted() {
        Fixture f = fixture();
        long stage = f.pipeline().stages().get(0).id();

        assertThatThrownBy(() -> db.deleteFrom(STAGE).where(STAGE.ID.eq(stage)).execute())
                .hasMessageContaining("rows of table \"stage\" are archived, never deleted");
        assertThatThrownBy(() -> db.deleteFrom(OPPORTUNITY).where(OPPORTUNITY.ID.eq(f.deal().id())).execute())
                .hasMessageContaining("rows of table \"opportunity\" are archived, never deleted");
        assertThat(db.fetchExists(STAGE, STAGE.ID.eq(stage))).isTrue();
    }

    private int historyCount(long opportunityId) {
        return db.fetchCount(STAGE_HISTORY, STAGE_HISTORY.OPPORTUNITY_ID.eq(opportunityId));
    }

    private Fixture fixture() {
        UserSummary rep = data.user(Role.SALES_REP, null);
        Pipeline pipeline = data.pipeline();
        return new Fixture(rep, pipeline, data.opportunityOf(rep, pipeline));
    }

    private record Fixture(UserSummary rep, Pipeline pipeline, Opportunity deal) {
    }
}
