package dev.funnel.automation.internal;

import dev.funnel.automation.RuleCode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * One statement per rule: it finds the subjects in the rule's situation now, records a firing for each that has
 * none yet for this occurrence, and answers only those — so a rule fires once per occurrence however often it
 * runs, and two instances running it at the same moment cannot both fire (the second insert of a key waits for
 * the first's transaction and then does nothing). Read-only joins to other modules' tables; the only table
 * written is rule_firing.
 *
 * <p>Each candidate query answers: subject_id, occurrence (a string naming the moment the situation began),
 * recipient_id, link, and the message arguments a1..a6 as text.
 */
@Repository
public class RuleStatements {

    /** The manager of a user, by the one rule of db-changelog 1.6/manager-of.xml. */
    private static final String MANAGER_OF = "funnel_manager_of(%s)";

    private static final Map<RuleCode, String> CANDIDATES = Map.of(
            RuleCode.STALLED_DEAL, """
                    select o.id as subject_id, (extract(epoch from o.stage_entered_at) * 1000000)::bigint::text as occurrence,
                           o.owner_id as recipient_id, 'opportunities/' || o.id as link,
                           o.name as a1, s.name_en as a2, s.name_zh as a3,
                           floor(extract(epoch from ({now} - o.stage_entered_at)) / 86400)::int::text as a4,
                           s.stalled_after_days::text as a5, null as a6
                    from opportunity o join stage s on s.id = o.stage_id
                    where o.status = 'OPEN' and o.stage_entered_at < {now} - make_interval(days => s.stalled_after_days)""",
            RuleCode.STALLED_DEAL_ESCALATION, """
                    select * from (
                      select o.id as subject_id, (extract(epoch from o.stage_entered_at) * 1000000)::bigint::text as occurrence,
                             %s as recipient_id, 'opportunities/' || o.id as link,
                             o.name as a1, s.name_en as a2, s.name_zh as a3,
                             floor(extract(epoch from ({now} - o.stage_entered_at)) / 86400)::int::text as a4,
                             s.stalled_after_days::text as a5, owner.full_name as a6
                      from opportunity o join stage s on s.id = o.stage_id join app_user owner on owner.id = o.owner_id
                      where o.status = 'OPEN'
                        and o.stage_entered_at < {now} - make_interval(days => s.stalled_after_days + {threshold})) c
                    where recipient_id is not null""".formatted(MANAGER_OF.formatted("o.owner_id")),
            RuleCode.CLOSE_DATE_PASSED, """
                    select o.id as subject_id, o.expected_close_date::text as occurrence, o.owner_id as recipient_id,
                           'opportunities/' || o.id as link, o.name as a1, o.expected_close_date::text as a2,
                           ({today} - o.expected_close_date)::text as a3, null as a4, null as a5, null as a6
                    from opportunity o
                    where o.status = 'OPEN' and o.expected_close_date < {today}""",
            RuleCode.NO_FOLLOW_UP, """
                    select c.id as subject_id, (extract(epoch from q.since) * 1000000)::bigint::text as occurrence,
                           c.owner_id as recipient_id, 'customers/' || c.id as link, c.name as a1,
                           floor(extract(epoch from ({now} - q.since)) / 86400)::int::text as a2,
                           l.last_follow_up::date::text as a3, null as a4, null as a5, null as a6
                    from customer c
                    cross join lateral (select max(a.occurred_at) as last_follow_up
                                        from activity a where a.customer_id = c.id) l
                    -- silence counts from the last follow-up, or from when the owner got the customer if later
                    cross join lateral (select greatest(c.owned_since, c.created_at, l.last_follow_up) as since) q
                    where c.owner_id is not null and c.status <> 'FORMER_CUSTOMER'
                      and q.since < {now} - make_interval(days => {threshold})""",
            RuleCode.TASK_OVERDUE, """
                    select t.id as subject_id, t.due_date::text as occurrence, t.assignee_id as recipient_id,
                           coalesce('opportunities/' || t.opportunity_id, 'tasks') as link, t.title as a1,
                           coalesce(t.title_zh, t.title) as a2, coalesce(o.name, '') as a3, t.due_date::text as a4,
                           ({today} - t.due_date)::text as a5,
                           -- 1: the task is about a deal, named in a3; 0: about no deal (a review's decision)
                           case when t.opportunity_id is null then '0' else '1' end as a6
                    from task t left join opportunity o on o.id = t.opportunity_id
                    where t.status = 'OPEN' and t.due_date < {today}""",
            RuleCode.TASK_OVERDUE_ESCALATION, """
                    select * from (
                      select t.id as subject_id, t.due_date::text as occurrence, %s as recipient_id,
                             coalesce('opportunities/' || t.opportunity_id, 'tasks') as link, t.title as a1,
                             coalesce(t.title_zh, t.title) as a2, coalesce(o.name, '–') as a3, t.due_date::text as a4,
                             ({today} - t.due_date)::text as a5, assignee.full_name as a6
                      from task t left join opportunity o on o.id = t.opportunity_id
                           join app_user assignee on assignee.id = t.assignee_id
                      where t.status = 'OPEN' and t.due_date < {today} - {threshold}) c
                    where recipient_id is not null""".formatted(MANAGER_OF.formatted("t.assignee_id")),
            RuleCode.REGISTRATION_WAITING, """
                    select r.id as subject_id, 'pending' as occurrence, r.approver_id as recipient_id,
                           'registrations' as link, c.name as a1, requester.full_name as a2,
                           floor(extract(epoch from ({now} - r.created_at)) / 3600)::int::text as a3,
                           r.opportunity_name as a4, null as a5, null as a6
                    from registration_request r join customer c on c.id = r.customer_id
                         join app_user requester on requester.id = r.requester_id
                    where r.status = 'PENDING' and r.approver_id is not null
                      and r.created_at < {now} - make_interval(hours => {threshold})""");

    private final DSLContext db;

    RuleStatements(DSLContext db) {
        this.db = db;
    }

    /** A reminder a rule fired just now, for its recipient. */
    public record Fired(long subjectId, long recipientId, String link, List<String> arguments) {
    }

    /**
     * Fires the rule for every subject in its situation that it has not fired for in this occurrence.
     *
     * @param threshold the rule's threshold (days or hours), ignored by rules without one
     */
    public List<Fired> fire(RuleCode rule, Integer threshold, OffsetDateTime now, LocalDate today) {
        String candidates = CANDIDATES.get(rule)
                .replace("{now}", "{0}").replace("{today}", "{1}").replace("{threshold}", "{2}");
        String sql = """
                with due as (%s),
                fired as (
                  insert into rule_firing (rule_code, subject_id, occurrence, recipient_id, fired_at)
                  select {3}, subject_id, occurrence, recipient_id, {0} from due
                  on conflict (rule_code, subject_id, occurrence) do nothing
                  returning subject_id, occurrence)
                select due.* from due join fired using (subject_id, occurrence)
                order by due.subject_id""".formatted(candidates);
        List<Fired> fired = new ArrayList<>();
        for (Record r : db.fetch(sql, DSL.val(now), DSL.val(today),
                DSL.val(threshold == null ? 0 : threshold), DSL.val(rule.name()))) {
            List<String> arguments = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                String value = r.get("a" + i, String.class);
                arguments.add(value == null ? "" : value);
            }
            fired.add(new Fired(r.get("subject_id", Long.class), r.get("recipient_id", Long.class),
                    r.get("link", String.class), arguments));
        }
        return fired;
    }
}
