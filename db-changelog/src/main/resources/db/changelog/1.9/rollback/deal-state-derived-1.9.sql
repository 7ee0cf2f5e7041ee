-- deal_state_derived as the 1.9 pipeline-review change set made it
CREATE VIEW deal_state_derived AS
SELECT sp.opportunity_id, tstzrange(sp.at, sp.until, '[)') AS valid,
       CASE h.event WHEN 'WON' THEN 'WON' WHEN 'LOST' THEN 'LOST' ELSE 'OPEN' END::varchar(10) AS status,
       s.pipeline_id, h.to_stage_id AS stage_id, v.owner_id, v.currency, v.amount,
       funnel_company_amount(v.currency, coalesce(v.amount, 0), coalesce(v.expected_close_date, o.created_at::date))
         ::numeric(19,2) AS company_amount,
       v.expected_close_date, v.lead_source
  FROM (SELECT m.opportunity_id, m.at, lead(m.at) OVER (PARTITION BY m.opportunity_id ORDER BY m.at) AS until
          FROM (SELECT opportunity_id, changed_at AS at FROM stage_history
                UNION
                SELECT opportunity_id, changed_at FROM deal_revision
                 WHERE field IN ('AMOUNT', 'CURRENCY', 'EXPECTED_CLOSE', 'OWNER', 'LEAD_SOURCE')) m) sp
  JOIN opportunity o ON o.id = sp.opportunity_id
  JOIN LATERAL (SELECT l.event, l.to_stage_id FROM stage_history l
                 WHERE l.opportunity_id = sp.opportunity_id AND l.changed_at <= sp.at
                 ORDER BY l.changed_at DESC, l.id DESC LIMIT 1) h ON true
  JOIN stage s ON s.id = h.to_stage_id
  LEFT JOIN LATERAL (SELECT jsonb_object_agg(first_after.field, first_after.old_value) AS was
                       FROM (SELECT DISTINCT ON (r.field) r.field, r.old_value FROM deal_revision r
                              WHERE r.opportunity_id = sp.opportunity_id AND r.changed_at > sp.at
                                AND r.field IN ('AMOUNT', 'CURRENCY', 'EXPECTED_CLOSE', 'OWNER', 'LEAD_SOURCE')
                              ORDER BY r.field, r.changed_at, r.id) first_after) later ON true
  CROSS JOIN LATERAL (SELECT
       CASE WHEN jsonb_exists(later.was, 'OWNER') THEN (later.was ->> 'OWNER')::bigint ELSE o.owner_id END AS owner_id,
       CASE WHEN jsonb_exists(later.was, 'CURRENCY') THEN (later.was ->> 'CURRENCY')::char(3) ELSE o.currency END AS currency,
       CASE WHEN jsonb_exists(later.was, 'AMOUNT') THEN (later.was ->> 'AMOUNT')::numeric(19,2) ELSE o.amount END AS amount,
       CASE WHEN jsonb_exists(later.was, 'EXPECTED_CLOSE') THEN (later.was ->> 'EXPECTED_CLOSE')::date
            ELSE o.expected_close_date END AS expected_close_date,
       CASE WHEN jsonb_exists(later.was, 'LEAD_SOURCE') THEN later.was ->> 'LEAD_SOURCE' ELSE o.lead_source END
         AS lead_source) v
