-- Tool 18's headline figures computed by DuckDB from the raw rows: every
-- production prediction of the window (wh_goods_daily_demand_pred) against
-- the day's consumption (the seven weekday stock-change tables, change_type
-- 1), as `luckyhub report forecast-accuracy` scores them: WAPE, sMAPE (x2
-- form), bias, hit rate within 20%, and MASE against last week's actuals on
-- the pairs from a week after each shop's first consumption. The hit test
-- compares whole milli-units, as the warehouse does (in doubles, a pair at
-- exactly 20% can fall either side).
WITH changes AS (
  SELECT shop_id, goods_id, biz_date, change_qty FROM change_mon WHERE change_type = 1 AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_qty FROM change_tue WHERE change_type = 1 AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_qty FROM change_wed WHERE change_type = 1 AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_qty FROM change_thu WHERE change_type = 1 AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_qty FROM change_fri WHERE change_type = 1 AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_qty FROM change_sat WHERE change_type = 1 AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_qty FROM change_sun WHERE change_type = 1 AND tenant = 'LKUS'
),
consumption AS (
  SELECT shop_id, goods_id, biz_date, -SUM(change_qty) AS consumed_milli, -SUM(change_qty) / 1000.0 AS consumed FROM changes GROUP BY ALL
),
first_day AS (SELECT shop_id, MIN(biz_date) AS first_day FROM consumption GROUP BY shop_id),
pairs AS (
  SELECT p.shop_id, p.goods_id, p.pred_date, p.predict_qty / 1000.0 AS q, COALESCE(c.consumed, 0) AS a,
         p.predict_qty AS q_milli, COALESCE(c.consumed_milli, 0) AS a_milli
  FROM pred p LEFT JOIN consumption c
    ON c.shop_id = p.shop_id AND c.goods_id = p.goods_id AND c.biz_date = p.pred_date
  WHERE p.tenant = 'LKUS' AND p.pred_date >= $from::DATE AND p.pred_date < $to::DATE
),
scored AS (
  SELECT x.q, x.a, COALESCE(w.consumed, 0) AS last_week
  FROM pairs x JOIN first_day f ON f.shop_id = x.shop_id AND x.pred_date - 7 >= f.first_day
  LEFT JOIN consumption w ON w.shop_id = x.shop_id AND w.goods_id = x.goods_id AND w.biz_date = x.pred_date - 7
)
SELECT
  (SELECT COUNT(*) FROM pairs) AS pairs,
  (SELECT SUM(CASE WHEN a = 0 THEN 1 ELSE 0 END) FROM pairs) AS zero_actuals,
  (SELECT SUM(abs(q - a)) / SUM(abs(a)) FROM pairs) AS wape,
  (SELECT AVG(CASE WHEN abs(a) + abs(q) > 0 THEN 2 * abs(q - a) / (abs(a) + abs(q)) ELSE 0 END) FROM pairs) AS smape,
  (SELECT SUM(q - a) / SUM(a) FROM pairs) AS bias,
  (SELECT AVG(CASE WHEN 5 * abs(q_milli - a_milli) <= abs(a_milli) THEN 1.0 ELSE 0 END) FROM pairs) AS hit_rate_20,
  (SELECT COUNT(*) FROM scored) AS baseline_pairs,
  (SELECT SUM(abs(q - a)) / SUM(abs(last_week - a)) FROM scored) AS mase
