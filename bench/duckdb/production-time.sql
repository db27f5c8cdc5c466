-- Tool 12's headline figures computed by DuckDB from the raw tickets
-- (t_production of the production tenant, status 30 or 40, done_time set,
-- accepted on New York days [$from, $to)), as `luckyhub report
-- production-time` defines them: a ticket's time is accept_time -> done_time
-- in whole seconds; over 30 minutes is an outlier, kept out of the mean and
-- the percentiles (nearest rank: the ceil(p n)-th smallest); tickets counts
-- them all.
WITH tickets AS (
  SELECT epoch(done_time) - epoch(accept_time) AS seconds
  FROM production
  WHERE tenant = 'LKUS' AND status IN (30, 40) AND done_time IS NOT NULL AND accept_time IS NOT NULL
    AND (accept_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE >= $from::DATE
    AND (accept_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE < $to::DATE
),
kept AS (SELECT list_sort(list(seconds)) AS s, COUNT(*) AS n, AVG(seconds) AS mean FROM tickets WHERE seconds <= 1800)
SELECT
  (SELECT COUNT(*) FROM tickets) AS tickets,
  round(mean, 1) AS mean_s,
  (SELECT round(AVG(seconds), 1) FROM tickets) AS mean_all_s,
  s[CAST(ceil(0.5 * n) AS BIGINT)] AS p50_s,
  s[CAST(ceil(0.95 * n) AS BIGINT)] AS p95_s,
  (SELECT COUNT(*) FROM tickets WHERE seconds > 1800) AS outliers
FROM kept
