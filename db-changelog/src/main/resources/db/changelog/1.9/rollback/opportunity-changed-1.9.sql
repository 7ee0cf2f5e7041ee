-- funnel_opportunity_changed as the 1.9 pipeline-review change set made it
CREATE OR REPLACE FUNCTION funnel_opportunity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed bigint[];
BEGIN
  -- an UPDATE that changed no row (a rating that stayed the same) costs no planning
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  EXECUTE 'SELECT ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.owner_id, n.currency, n.lead_source, n.amount, n.actual_amount, n.company_amount,
                   n.expected_close_date)
                  IS DISTINCT FROM (o.owner_id, o.currency, o.lead_source, o.amount, o.actual_amount,
                                    o.company_amount, o.expected_close_date))' INTO changed;
  PERFORM funnel_touch_stage_entries(changed);
  RETURN NULL;
END $$
