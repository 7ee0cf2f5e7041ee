-- the revision trigger as 1.8/scoring.xml left it.
DROP TRIGGER tr_deal_revision ON opportunity;
CREATE OR REPLACE FUNCTION funnel_record_deal_revisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deal_revision (opportunity_id, field, old_value, new_value, changed_at, changed_by)
  SELECT NEW.id, change.field, change.old_value, change.new_value, CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE clock_timestamp() END, NEW.updated_by
    FROM (VALUES ('AMOUNT', OLD.amount::text, NEW.amount::text),
                 ('EXPECTED_CLOSE', to_char(OLD.expected_close_date, 'YYYY-MM-DD'), to_char(NEW.expected_close_date, 'YYYY-MM-DD')),
                 ('NEXT_STEP', left(OLD.next_step, 1000), left(NEW.next_step, 1000)),
                 ('OWNER', OLD.owner_id::text, NEW.owner_id::text),
                 ('LEAD_SOURCE', OLD.lead_source, NEW.lead_source)) AS change (field, old_value, new_value)
   -- numeric(19,2) has one text per amount, so comparing texts compares amounts, NULL included
   WHERE change.old_value IS DISTINCT FROM change.new_value;
  RETURN NULL;
END $$;
CREATE TRIGGER tr_deal_revision AFTER UPDATE OF amount, expected_close_date, next_step, owner_id, lead_source
  ON opportunity
  FOR EACH ROW WHEN ((OLD.amount, OLD.expected_close_date, OLD.next_step, OLD.owner_id, OLD.lead_source)
                     IS DISTINCT FROM (NEW.amount, NEW.expected_close_date, NEW.next_step, NEW.owner_id,
                                       NEW.lead_source))
  EXECUTE FUNCTION funnel_record_deal_revisions();
