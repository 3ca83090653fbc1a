-- Custom migration (drizzle-kit generate --custom): the merge applied when a newer copy of a
-- record replaces a stored one. Terra re-delivers supersets, except that data_enrichment scores
-- can come back null later: a stored non-null enrichment value is kept when the incoming copy has
-- it null or missing. Everything else is taken from the incoming document. See ADR 0300.
CREATE OR REPLACE FUNCTION wearables_merge_document(incoming jsonb, stored jsonb)
RETURNS jsonb
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN kept IS NULL THEN incoming
    ELSE jsonb_set(
      incoming,
      '{data_enrichment}',
      CASE WHEN jsonb_typeof(incoming -> 'data_enrichment') = 'object'
        THEN incoming -> 'data_enrichment' ELSE '{}'::jsonb END || kept,
      true)
  END
  FROM (
    SELECT jsonb_object_agg(s.key, s.value) AS kept
    FROM jsonb_each(CASE WHEN jsonb_typeof(stored -> 'data_enrichment') = 'object'
                      THEN stored -> 'data_enrichment' ELSE '{}'::jsonb END) AS s(key, value)
    WHERE jsonb_typeof(s.value) <> 'null'
      AND coalesce(jsonb_typeof(incoming -> 'data_enrichment' -> s.key), 'null') = 'null'
  ) AS k
$$;
