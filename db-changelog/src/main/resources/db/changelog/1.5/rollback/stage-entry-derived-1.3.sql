-- stage_entry_derived as 1.3/conversion-summary.xml defined it (without company_amount).
DROP VIEW stage_entry_derived;
CREATE VIEW stage_entry_derived AS
SELECT e.opportunity_id, e.to_stage_id AS stage_id, e.changed_at AS entered_at,
       date_trunc('month', e.changed_at AT TIME ZONE (SELECT coalesce(nullif(z.zone, ''), 'UTC') FROM report_zone z))::date
         AS entry_month,
       o.owner_id, o.currency, coalesce(o.lead_source, '') AS lead_source,
       coalesce(e.later_level > e.position, false) AS advanced,
       e.lost_here AS lost,
       (e.last_event NOT IN ('WON', 'LOST') AND e.last_stage = e.to_stage_id) AS open_here,
       coalesce(o.actual_amount, o.amount, 0) AS amount
  FROM (SELECT h.opportunity_id, h.to_stage_id, h.event, h.changed_at, s.position,
               max(CASE h.event WHEN 'WON' THEN 2147483647 WHEN 'MOVED' THEN s.position END)
                 OVER (PARTITION BY h.opportunity_id ORDER BY h.id DESC
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS later_level,
               first_value(h.event) OVER (PARTITION BY h.opportunity_id ORDER BY h.id DESC) AS last_event,
               first_value(h.to_stage_id) OVER (PARTITION BY h.opportunity_id ORDER BY h.id DESC) AS last_stage,
               bool_or(h.event = 'LOST') OVER (PARTITION BY h.opportunity_id, h.to_stage_id) AS lost_here,
               row_number() OVER (PARTITION BY h.opportunity_id, h.to_stage_id, h.event IN ('CREATED', 'MOVED')
                                  ORDER BY h.id) AS nth
          FROM stage_history h JOIN stage s ON s.id = h.to_stage_id) e
  JOIN opportunity o ON o.id = e.opportunity_id
 WHERE e.event IN ('CREATED', 'MOVED') AND e.nth = 1
