-- Custom migration: markCoverage in one round trip. The advisory lock serialises markers of one
-- user × type; in PL/pgSQL the merge statement takes its snapshot after the lock is granted
-- (READ COMMITTED, a new snapshot per statement), so it sees every marker committed before it.
-- Touching or overlapping ranges (end + 1 day = start) are merged into one row.
CREATE OR REPLACE FUNCTION wearables_mark_coverage(
  p_user text, p_type text, p_start date, p_end date, p_at timestamptz, p_source text, p_job bigint)
RETURNS TABLE (range_start date, range_end date)
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('coverage:' || p_user || ':' || p_type));
  RETURN QUERY
  WITH touching AS (
    DELETE FROM coverage c
    WHERE c.user_id = p_user AND c.data_type = p_type
      AND c.start_date <= p_end + 1 AND c.end_date >= p_start - 1
    RETURNING c.start_date AS s, c.end_date AS e
  )
  INSERT INTO coverage AS n (user_id, data_type, start_date, end_date, fetched_at, source, job_id)
  SELECT p_user, p_type, least(p_start, min(t.s)), greatest(p_end, max(t.e)), p_at, p_source, p_job
  FROM touching t
  RETURNING n.start_date, n.end_date;
END
$$;
