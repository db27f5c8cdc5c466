-- Tool 16's headline figures computed by DuckDB from the raw rows, as
-- `luckyhub report inventory` defines them with its defaults (docs/tools/
-- inventory.md): per shop x goods, on hand (the stock batches), demand over
-- the 14 days before as-of (the seven stock-change tables, change_type 1),
-- the goods's mean purchase lead time (orders placed from the data's start,
-- deliveries arrived before as-of), the reorder point for a 95% cycle service
-- level (z = Φ⁻¹(0.95)); then the counts at risk (under a day of supply),
-- at or below the reorder point, overstocked (over 45 days) and the share of
-- consumption + write-offs written off in the window. $to is as-of.
WITH changes AS (
  SELECT shop_id, goods_id, biz_date, change_type, change_qty FROM change_mon WHERE change_type IN (1, 3) AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_type, change_qty FROM change_tue WHERE change_type IN (1, 3) AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_type, change_qty FROM change_wed WHERE change_type IN (1, 3) AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_type, change_qty FROM change_thu WHERE change_type IN (1, 3) AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_type, change_qty FROM change_fri WHERE change_type IN (1, 3) AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_type, change_qty FROM change_sat WHERE change_type IN (1, 3) AND tenant = 'LKUS'
  UNION ALL SELECT shop_id, goods_id, biz_date, change_type, change_qty FROM change_sun WHERE change_type IN (1, 3) AND tenant = 'LKUS'
),
day AS (
  SELECT shop_id, goods_id, biz_date,
         -SUM(CASE WHEN change_type = 1 THEN change_qty ELSE 0 END) / 1000.0 AS consumed,
         SUM(CASE WHEN change_type = 1 THEN 1 ELSE 0 END) AS consume_rows,
         -SUM(CASE WHEN change_type = 3 THEN change_qty ELSE 0 END) / 1000.0 AS written_off
  FROM changes GROUP BY ALL
),
first_day AS (SELECT shop_id, MIN(biz_date) AS first_day FROM day WHERE consume_rows > 0 GROUP BY shop_id),
on_hand AS (SELECT shop_id, goods_id, SUM(stock_qty) / 1000.0 AS on_hand FROM stock WHERE tenant = 'LKUS' GROUP BY ALL),
demand AS (
  SELECT shop_id, goods_id, SUM(consumed) AS s, SUM(consumed * consumed) AS sq, COUNT(*) AS n FROM day
  WHERE biz_date >= $to::DATE - 14 AND biz_date < $to::DATE AND consume_rows > 0 GROUP BY ALL
),
window_sums AS (
  SELECT shop_id, goods_id, SUM(consumed) AS consumed, SUM(written_off) AS written_off FROM day
  WHERE biz_date >= $from::DATE AND biz_date < $to::DATE GROUP BY ALL
),
deliveries AS (
  SELECT s.po_id, s.arrival_date - o.order_date AS days FROM ship s JOIN po o ON o.id = s.po_id
  WHERE o.tenant = 'LKUS' AND o.status <> 60 AND o.order_date >= $from::DATE AND o.order_date < $to::DATE
    AND s.tenant = 'LKUS' AND s.arrival_date IS NOT NULL AND s.arrival_date < $to::DATE
),
lead AS (
  SELECT i.goods_id, AVG(d.days) AS lead_days
  FROM (SELECT DISTINCT po_id, goods_id FROM po_item WHERE tenant = 'LKUS') i JOIN deliveries d ON d.po_id = i.po_id
  GROUP BY ALL
),
keys AS (
  SELECT shop_id, goods_id FROM on_hand UNION SELECT shop_id, goods_id FROM demand
  UNION SELECT shop_id, goods_id FROM window_sums
),
sku AS (
  SELECT COALESCE(h.on_hand, 0) AS on_hand, COALESCE(w.consumed, 0) AS consumed, COALESCE(w.written_off, 0) AS written_off,
         COALESCE(l.lead_days, (SELECT AVG(days) FROM deliveries)) AS lead_days,
         CASE WHEN f.first_day IS NULL THEN 0 ELSE LEAST(14, $to::DATE - GREATEST($to::DATE - 14, f.first_day)) END AS days,
         COALESCE(d.s, 0) AS s, COALESCE(d.sq, 0) AS sq, COALESCE(d.n, 0) AS n
  FROM keys k JOIN goods g ON g.id = k.goods_id
  LEFT JOIN on_hand h ON h.shop_id = k.shop_id AND h.goods_id = k.goods_id
  LEFT JOIN demand d ON d.shop_id = k.shop_id AND d.goods_id = k.goods_id
  LEFT JOIN window_sums w ON w.shop_id = k.shop_id AND w.goods_id = k.goods_id
  LEFT JOIN lead l ON l.goods_id = k.goods_id
  LEFT JOIN first_day f ON f.shop_id = k.shop_id
),
policy AS (
  SELECT *, CASE WHEN days > 0 THEN s / days ELSE 0 END AS mean FROM sku
),
scored AS (
  SELECT *, CASE WHEN days >= 2 THEN sqrt(greatest(0, (sq - 2 * mean * s + days * mean * mean) / (days - 1))) ELSE 0 END AS sd
  FROM policy
)
SELECT
  COUNT(*) AS sku_stores,
  SUM(CASE WHEN mean > 0 AND on_hand < mean THEN 1 ELSE 0 END) AS at_risk,
  SUM(CASE WHEN mean > 0 AND on_hand <= mean * lead_days + 1.6448536269514722 * sd * sqrt(lead_days) THEN 1 ELSE 0 END) AS below_reorder,
  SUM(CASE WHEN mean > 0 AND on_hand / mean > 45 THEN 1 ELSE 0 END) AS overstock,
  SUM(written_off) / (SUM(consumed) + SUM(written_off)) AS write_off_share
FROM scored
WHERE on_hand > 0 OR mean > 0 OR consumed > 0 OR written_off > 0
