-- Tool 12's products panel of every store (`luckyhub report production-time
-- --param store=S`), computed by DuckDB from the raw rows in one query: item
-- times by store x product, with the definitions of production-time.sql
-- (t_commodity of tenant LKUS, status 30, done_time set, from its ticket's
-- accept_time, in the window by the New York day of that accept_time;
-- outliers over 1,800 s counted apart; nearest-rank percentiles). The store
-- is the item's own shop_id. One row per store x product.
WITH items AS (
  SELECT c.shop_id, c.commodity_id AS spu_id, CAST(epoch(c.done_time) - epoch(p.accept_time) AS BIGINT) AS seconds
  FROM commodity c JOIN production p ON p.id = c.production_id
  WHERE c.tenant = 'LKUS' AND c.status = 30 AND c.done_time IS NOT NULL AND p.accept_time IS NOT NULL
    AND (p.accept_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE >= $from::DATE
    AND (p.accept_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE < $to::DATE
),
groups AS (
  SELECT shop_id, spu_id, COUNT(*) AS items, COUNT(*) FILTER (WHERE seconds > 1800) AS outliers,
         round(AVG(seconds) FILTER (WHERE seconds <= 1800), 1) AS mean_s,
         list_sort(list(seconds) FILTER (WHERE seconds <= 1800)) AS s
  FROM items GROUP BY shop_id, spu_id
)
SELECT shop_id, spu_id, items, outliers, mean_s, s[(len(s) + 1) // 2] AS p50_s, s[(95 * len(s) + 99) // 100] AS p95_s
FROM groups ORDER BY shop_id, spu_id
