-- Tool 6's summary figures computed by DuckDB from the raw rows, as
-- `luckyhub report channels` defines them (docs/tools/channels.md): the LKUS
-- customers registered (New York day of register_time) in [from, to), the
-- share from iOS (origin 2), the share with a paid order (status 20, 30, 40,
-- 60) before as-of, their AOV (pay_money in cents, rounded to the cent), and
-- of those whose first order day is 90 days or more before as-of the share
-- with a paid order 61 to 90 days after it. Rates to 4 decimals as the report
-- shows them.
WITH users AS (
  SELECT user_no, origin,
         (register_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE AS reg
  FROM crm_user WHERE tenant = 'LKUS'
),
window_users AS (SELECT * FROM users WHERE reg >= $from::DATE AND reg < $to::DATE),
days AS (
  SELECT user_no, (create_time AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::DATE AS day,
         COUNT(*) AS orders, SUM(pay_money) AS cents
  FROM sales_order WHERE tenant = 'LKUS' AND status IN (20, 30, 40, 60)
  GROUP BY ALL
),
firsts AS (SELECT user_no, MIN(day) AS first_day FROM days WHERE day < $to::DATE GROUP BY user_no),
per_user AS (
  SELECT d.user_no, f.first_day, SUM(d.orders) AS orders, SUM(d.cents) AS cents,
         COUNT(*) FILTER (WHERE d.day - f.first_day BETWEEN 61 AND 90) > 0 AS active_61_90
  FROM days d JOIN firsts f USING (user_no) WHERE d.day < $to::DATE GROUP BY d.user_no, f.first_day
)
SELECT COUNT(*) AS customers,
       ROUND(COUNT(*) FILTER (WHERE w.origin = 2) / COUNT(*), 4) AS ios_share,
       ROUND(COUNT(p.user_no) / COUNT(*), 4) AS conversion,
       ROUND(SUM(p.cents) / SUM(p.orders))::BIGINT AS aov,
       ROUND(COUNT(*) FILTER (WHERE $to::DATE - p.first_day >= 90 AND p.active_61_90)
             / COUNT(*) FILTER (WHERE $to::DATE - p.first_day >= 90), 4) AS retention_90
FROM window_users w LEFT JOIN per_user p USING (user_no)
