-- Tool 12's figures computed by DuckDB from the raw rows, as `luckyhub report
-- production-time` defines them with its defaults (docs/tools/production-time.md):
--   tickets: t_production (`production`) of tenant LKUS, status 30 or 40,
--     done_time set; items: t_commodity (`commodity`) of tenant LKUS, status
--     30, done_time set, joined to their ticket (whatever its status) for its
--     accept_time; both in the window by the New York day of that accept_time,
--     [$from, $to). A time is accept_time -> done_time in whole seconds.
--   over 30 minutes (1,800 s) is an outlier: counted, never in a mean or a
--     percentile. Percentiles are nearest rank: the p-th of n times is the
--     ceil(p n)-th smallest, here in integers ((n + 1) / 2, (95 n + 99) / 100).
-- One row: the summary tiles, then, as JSON lists, every group the report
-- shows: the stores (ticket times, without and with the outliers), the
-- products (item times), the New York weekday x hour cells of the two heat
-- maps, the store-hours of the bottlenecks panel (every slow spot, then the
-- 20 highest ratios of the others) with the selection made here too, and
-- the brews (t_cup_order_info) by machine type and by device. Means are
-- rounded to 0.1 s, ratios, scores and tickets in production to 0.001.
WITH tickets AS (
  SELECT shop_id, accept_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York' AS local_time,
         date_trunc('hour', accept_time) AS utc_hour,
         CAST(epoch(done_time) - epoch(accept_time) AS BIGINT) AS seconds
  FROM production
  WHERE tenant = 'LKUS' AND status IN (30, 40) AND done_time IS NOT NULL
    AND (accept_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE >= $from::DATE
    AND (accept_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE < $to::DATE
),
items AS (
  SELECT c.shop_id, c.commodity_id AS spu_id, CAST(epoch(c.done_time) - epoch(p.accept_time) AS BIGINT) AS seconds
  FROM commodity c JOIN production p ON p.id = c.production_id
  WHERE c.tenant = 'LKUS' AND c.status = 30 AND c.done_time IS NOT NULL AND p.accept_time IS NOT NULL
    AND (p.accept_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE >= $from::DATE
    AND (p.accept_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE < $to::DATE
),
-- Sorted times of a group, without (s) and with (a) the outliers.
store_lists AS (
  SELECT shop_id, COUNT(*) AS tickets, COUNT(*) FILTER (WHERE seconds > 1800) AS outliers,
         list_sort(list(seconds) FILTER (WHERE seconds <= 1800)) AS s, list_sort(list(seconds)) AS a,
         AVG(seconds) FILTER (WHERE seconds <= 1800) AS mean, AVG(seconds) AS mean_all
  FROM tickets GROUP BY shop_id
),
stores AS (
  SELECT shop_id, tickets, outliers, round(mean, 1) AS mean_s,
         s[(len(s) + 1) // 2] AS p50_s, s[(95 * len(s) + 99) // 100] AS p95_s,
         round(mean_all, 1) AS mean_all_s, a[(len(a) + 1) // 2] AS p50_all_s, a[(95 * len(a) + 99) // 100] AS p95_all_s
  FROM store_lists
),
products AS (
  SELECT spu_id, COUNT(*) AS items, COUNT(*) FILTER (WHERE seconds > 1800) AS outliers,
         round(AVG(seconds) FILTER (WHERE seconds <= 1800), 1) AS mean_s,
         list_sort(list(seconds) FILTER (WHERE seconds <= 1800)) AS s
  FROM items GROUP BY spu_id
),
-- A store's tickets accepted in one UTC hour: what Little's law averages.
store_utc_hours AS (
  SELECT shop_id, utc_hour, date_part('isodow', any_value(local_time)) - 1 AS weekday, hour(any_value(local_time)) AS hour,
         COUNT(*) AS tickets, COUNT(*) FILTER (WHERE seconds <= 1800) AS timed,
         COALESCE(SUM(seconds) FILTER (WHERE seconds <= 1800), 0) AS timed_seconds
  FROM tickets GROUP BY shop_id, utc_hour
),
week_hours AS (
  SELECT weekday, hour, round(SUM(timed_seconds) / SUM(timed), 1) AS mean_s,
         round(SUM(timed_seconds) / 3600.0 / COUNT(*), 3) AS open_tickets
  FROM store_utc_hours GROUP BY weekday, hour HAVING SUM(timed) > 0
),
store_hour_sums AS (
  SELECT shop_id, hour, SUM(tickets) AS tickets, SUM(timed) AS timed, SUM(timed_seconds) AS timed_seconds,
         SUM(timed_seconds) / 3600.0 / COUNT(*) AS open_tickets
  FROM store_utc_hours GROUP BY shop_id, hour
),
store_hour_ratios AS (
  SELECT *, CASE WHEN timed > 0 THEN timed_seconds / timed ELSE 0 END AS mean,
         CASE WHEN others_timed > 0 THEN others_seconds / others_timed ELSE 0 END AS others_mean
  FROM (SELECT *, SUM(timed_seconds) OVER (PARTITION BY hour) - timed_seconds AS others_seconds,
               SUM(timed) OVER (PARTITION BY hour) - timed AS others_timed FROM store_hour_sums)
),
store_hours AS (
  SELECT *, timed >= 30 AND others_timed >= 30 AND ratio >= 1.4 AS slow
  FROM (SELECT *, CASE WHEN others_mean > 0 THEN mean / others_mean ELSE 0 END AS ratio FROM store_hour_ratios)
),
bottlenecks AS (
  SELECT shop_id, hour, tickets, round(mean, 1) AS mean_s, round(others_mean, 1) AS others_mean_s,
         round(ratio, 3) AS ratio, round(open_tickets, 3) AS open_tickets, slow
  FROM (SELECT *, row_number() OVER (PARTITION BY slow ORDER BY ratio DESC, shop_id, hour) AS rank FROM store_hours)
  WHERE slow OR rank <= 20
),
-- Successful brews (t_cup_order_info, `cup`: LKUS, status 1, end_time set)
-- in the window by the New York day of start_time, of the LKUS brewers of
-- t_device (`device`), whose type and store they take.
brews AS (
  SELECT d.device_no, d.shop_id, d.machine_type, b.commodity_id AS spu_id,
         CAST(epoch(b.end_time) - epoch(b.start_time) AS BIGINT) AS seconds
  FROM cup b JOIN device d ON d.device_no = b.device_no AND d.tenant = 'LKUS'
  WHERE b.tenant = 'LKUS' AND b.status = 1 AND b.end_time IS NOT NULL
    AND (b.start_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE >= $from::DATE
    AND (b.start_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE < $to::DATE
),
devices AS (
  SELECT device_no, shop_id, machine_type, COUNT(*) AS brews,
         round(COUNT(*) / greatest(1, $to::DATE - $from::DATE), 1) AS brews_per_day,
         round(SUM(seconds) / 60.0 / greatest(1, $to::DATE - $from::DATE), 1) AS busy_min_per_day,
         round(SUM(seconds) / COUNT(*), 1) AS mean_brew_s
  FROM brews GROUP BY device_no, shop_id, machine_type
),
-- The efficiency score: over the products brewed on two types or more, each
-- product's mean brew over every type times the type's brews of it, summed,
-- over the type's actual seconds of those products.
product_types AS (
  SELECT spu_id, machine_type, COUNT(*) AS n, SUM(seconds) AS seconds,
         SUM(SUM(seconds)) OVER (PARTITION BY spu_id) / SUM(COUNT(*)) OVER (PARTITION BY spu_id) AS product_mean,
         COUNT(*) OVER (PARTITION BY spu_id) AS types
  FROM brews GROUP BY spu_id, machine_type
),
scores AS (
  SELECT machine_type, SUM(product_mean * n) / SUM(seconds) AS score, SUM(n) AS n, COUNT(*) AS products
  FROM product_types WHERE types >= 2 GROUP BY machine_type HAVING SUM(seconds) > 0
),
machine_types AS (
  SELECT t.machine_type, t.brews, round(t.seconds / t.brews, 1) AS mean_brew_s, round(s.score, 3) AS efficiency,
         COALESCE(s.n, 0) AS n, COALESCE(s.products, 0) AS products
  FROM (SELECT machine_type, COUNT(*) AS brews, SUM(seconds) AS seconds FROM brews GROUP BY machine_type) t
  LEFT JOIN scores s USING (machine_type)
),
kept AS (SELECT list_sort(list(seconds)) AS s, AVG(seconds) AS mean FROM tickets WHERE seconds <= 1800)
SELECT
  (SELECT COUNT(*) FROM tickets) AS tickets,
  round(mean, 1) AS mean_s,
  (SELECT round(AVG(seconds), 1) FROM tickets) AS mean_all_s,
  s[(len(s) + 1) // 2] AS p50_s,
  s[(95 * len(s) + 99) // 100] AS p95_s,
  (SELECT COUNT(*) FROM tickets WHERE seconds > 1800) AS outliers,
  (SELECT to_json(list(stores ORDER BY shop_id)) FROM stores)::VARCHAR AS stores,
  (SELECT to_json(list({'spu_id': spu_id, 'items': items, 'outliers': outliers, 'mean_s': mean_s,
                        'p50_s': s[(len(s) + 1) // 2], 'p95_s': s[(95 * len(s) + 99) // 100]} ORDER BY spu_id))
   FROM products)::VARCHAR AS products,
  (SELECT to_json(list(week_hours ORDER BY weekday, hour)) FROM week_hours)::VARCHAR AS week_hours,
  (SELECT to_json(list(bottlenecks ORDER BY shop_id, hour)) FROM bottlenecks)::VARCHAR AS bottlenecks,
  (SELECT to_json(list(machine_types ORDER BY machine_type)) FROM machine_types)::VARCHAR AS machine_types,
  (SELECT to_json(list(devices ORDER BY device_no)) FROM devices)::VARCHAR AS devices
FROM kept
