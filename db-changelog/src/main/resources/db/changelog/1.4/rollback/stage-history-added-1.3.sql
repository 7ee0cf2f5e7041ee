-- funnel_stage_history_added as 1.3/conversion-summary.xml left it: derives at once, no queue.
CREATE OR REPLACE FUNCTION funnel_stage_history_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM funnel_refresh_stage_entries(ARRAY(SELECT DISTINCT opportunity_id FROM added_rows));
  RETURN NULL;
END $$
