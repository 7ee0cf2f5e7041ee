-- funnel_opportunity_changed as 1.3/conversion-summary.xml left it.
CREATE OR REPLACE FUNCTION funnel_opportunity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed bigint[];
BEGIN
  changed := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE (n.owner_id, n.currency, n.lead_source, n.amount, n.actual_amount)
                          IS DISTINCT FROM (o.owner_id, o.currency, o.lead_source, o.amount, o.actual_amount));
  IF cardinality(changed) > 0 THEN
    PERFORM funnel_refresh_stage_entries(changed);
  END IF;
  RETURN NULL;
END $$
