-- Tool 5's summary figures computed by DuckDB from the raw rows, as
-- `luckyhub report campaigns` defines them (docs/tools/campaigns.md): the LKUS
-- coupon templates; the coupons issued to them, live (coupon) and expired
-- (coupon_expired) together; the coupons used (status 2) on a paid order
-- (status 20, 30, 40, 60), with the order's coupon_deduct (discounts) and
-- pay_amount (revenue) from its t_order_amount row; the redemption rate
-- (redeemed / issued, 4 decimals), ROI (revenue / the templates' marketing_cost,
-- 2 decimals) and the ROI on discounts (revenue / discounts, 2 decimals)
-- as the report shows them. Amounts in cents. The leaderboard covers the whole
-- history: the $from and $to every query is given bind to nothing here.
WITH templates AS (SELECT template_id, marketing_cost FROM coupon_template WHERE tenant = 'LKUS'),
issued AS (
  SELECT template_id, COUNT(*) AS coupons FROM (
    SELECT template_id FROM coupon WHERE tenant = 'LKUS'
    UNION ALL SELECT template_id FROM coupon_expired WHERE tenant = 'LKUS'
  ) GROUP BY template_id
),
redeemed AS (
  SELECT c.template_id, COUNT(*) AS redeemed, SUM(a.coupon_deduct) AS discounts, SUM(a.pay_amount) AS revenue
  FROM coupon c
  JOIN sales_order o ON o.order_no = c.order_no AND o.tenant = 'LKUS' AND o.status IN (20, 30, 40, 60)
  JOIN order_amount a ON a.order_no = c.order_no AND a.tenant = 'LKUS'
  WHERE c.tenant = 'LKUS' AND c.status = 2 AND c.order_no IS NOT NULL AND c.use_time IS NOT NULL
  GROUP BY c.template_id
)
SELECT COUNT(*) AS templates,
       COALESCE(SUM(i.coupons), 0) AS issued,
       COALESCE(SUM(r.redeemed), 0) AS redeemed,
       ROUND(SUM(r.redeemed) / SUM(i.coupons), 4) AS redemption_rate,
       SUM(r.discounts)::BIGINT AS discounts,
       SUM(r.revenue)::BIGINT AS revenue,
       ROUND(SUM(r.revenue) / SUM(t.marketing_cost), 2) AS roi,
       ROUND(SUM(r.revenue) / SUM(r.discounts), 2) AS discount_roi
FROM templates t
LEFT JOIN issued i USING (template_id)
LEFT JOIN redeemed r USING (template_id)
WHERE $from::DATE <= $to::DATE
