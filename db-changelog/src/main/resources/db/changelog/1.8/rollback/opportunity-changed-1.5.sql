-- funnel_opportunity_changed as 1.5/currencies.xml left it.
CREATE OR REPLACE FUNCTION funnel_opportunity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM funnel_touch_stage_entries(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.owner_id, n.currency, n.lead_source, n.amount, n.actual_amount, n.company_amount)
             IS DISTINCT FROM (o.owner_id, o.currency, o.lead_source, o.amount, o.actual_amount, o.company_amount)));
  RETURN NULL;
END $$
