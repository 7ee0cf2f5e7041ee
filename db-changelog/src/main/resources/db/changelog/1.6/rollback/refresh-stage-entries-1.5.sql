-- funnel_refresh_stage_entries as 1.5/currencies.xml left it: what rolling back 1.6/reach.xml restores.
CREATE OR REPLACE FUNCTION funnel_refresh_stage_entries(deals bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
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
