-- Custom migration: TOAST compression with lz4 instead of pglz for the large columns (raw bodies in
-- the inbox, record documents). pglz was a visible share of PostgreSQL's CPU under webhook load;
-- lz4 compresses several times faster for a slightly larger result. Only values written from now
-- on are affected. A server built without lz4 keeps pglz (the migration must run everywhere).
DO $$
DECLARE
  target text;
BEGIN
  FOREACH target IN ARRAY ARRAY[
    'webhook_events.raw_body', 'activity.document', 'body.document', 'daily.document', 'sleep.document',
    'menstruation.document', 'nutrition.document', 'athlete.document'
  ] LOOP
    IF EXISTS (
      SELECT 1 FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = split_part(target, '.', 1)
        AND column_name = split_part(target, '.', 2)
    ) THEN
      EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET COMPRESSION lz4',
        split_part(target, '.', 1), split_part(target, '.', 2));
    END IF;
  END LOOP;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
  RAISE NOTICE 'lz4 is not available on this server: TOAST compression stays pglz';
END $$;
