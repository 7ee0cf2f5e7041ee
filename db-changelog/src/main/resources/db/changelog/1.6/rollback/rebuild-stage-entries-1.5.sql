-- funnel_rebuild_stage_entries as 1.5/currencies.xml left it: what rolling back 1.6/reach.xml restores.
CREATE OR REPLACE FUNCTION funnel_rebuild_stage_entries() RETURNS void LANGUAGE plpgsql SET work_mem = '256MB' AS $$
BEGIN
  TRUNCATE stage_entry, stage_entry_month, stage_entry_stale;
  INSERT INTO stage_entry SELECT * FROM stage_entry_derived;
  INSERT INTO stage_entry_month
  SELECT entry_month, stage_id, owner_id, currency, lead_source, count(*), count(*) FILTER (WHERE advanced),
         count(*) FILTER (WHERE open_here), count(*) FILTER (WHERE lost),
         coalesce(sum(amount) FILTER (WHERE lost), 0), coalesce(sum(company_amount) FILTER (WHERE lost), 0)
    FROM stage_entry GROUP BY entry_month, stage_id, owner_id, currency, lead_source;
END $$
