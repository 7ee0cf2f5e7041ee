-- funnel_refresh_stage_entries as 1.6/reach.xml left it.
CREATE OR REPLACE FUNCTION funnel_refresh_stage_entries(deals bigint[]) RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  -- how far each deal got and whether it was ever won: derived here, from the ledger, and nowhere else
  UPDATE opportunity o SET reached_position = r.reached, ever_won = r.won
    FROM (SELECT h.opportunity_id, max(s.position) AS reached, bool_or(h.event = 'WON') AS won
            FROM stage_history h JOIN stage s ON s.id = h.to_stage_id
           WHERE h.opportunity_id = ANY (deals)
           GROUP BY h.opportunity_id) r
   WHERE o.id = r.opportunity_id AND (o.reached_position, o.ever_won) IS DISTINCT FROM (r.reached, r.won);

  WITH gone AS (DELETE FROM stage_entry WHERE opportunity_id = ANY (deals) RETURNING *)
  INSERT INTO stage_entry_month AS m
  SELECT entry_month, stage_id, owner_id, currency, lead_source, -count(*), -count(*) FILTER (WHERE advanced),
         -count(*) FILTER (WHERE open_here), -count(*) FILTER (WHERE lost),
         -coalesce(sum(amount) FILTER (WHERE lost), 0), -coalesce(sum(company_amount) FILTER (WHERE lost), 0)
    FROM gone GROUP BY entry_month, stage_id, owner_id, currency, lead_source
   ORDER BY entry_month, stage_id, owner_id, currency, lead_source
  ON CONFLICT (entry_month, stage_id, owner_id, currency, lead_source) DO UPDATE
     SET entered = m.entered + excluded.entered, advanced = m.advanced + excluded.advanced,
         open_here = m.open_here + excluded.open_here, lost = m.lost + excluded.lost,
         lost_amount = m.lost_amount + excluded.lost_amount,
         lost_company_amount = m.lost_company_amount + excluded.lost_company_amount;

  WITH fresh AS (INSERT INTO stage_entry SELECT * FROM stage_entry_derived WHERE opportunity_id = ANY (deals)
                 RETURNING *)
  INSERT INTO stage_entry_month AS m
  SELECT entry_month, stage_id, owner_id, currency, lead_source, count(*), count(*) FILTER (WHERE advanced),
         count(*) FILTER (WHERE open_here), count(*) FILTER (WHERE lost),
         coalesce(sum(amount) FILTER (WHERE lost), 0), coalesce(sum(company_amount) FILTER (WHERE lost), 0)
    FROM fresh GROUP BY entry_month, stage_id, owner_id, currency, lead_source
   ORDER BY entry_month, stage_id, owner_id, currency, lead_source
  ON CONFLICT (entry_month, stage_id, owner_id, currency, lead_source) DO UPDATE
     SET entered = m.entered + excluded.entered, advanced = m.advanced + excluded.advanced,
         open_here = m.open_here + excluded.open_here, lost = m.lost + excluded.lost,
         lost_amount = m.lost_amount + excluded.lost_amount,
         lost_company_amount = m.lost_company_amount + excluded.lost_company_amount;
END $$
