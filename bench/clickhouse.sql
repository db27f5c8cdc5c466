-- The four money tools' heavy scans as plain SQL on the MySQL sources (what
-- an analyst pointing a BI tool at a read replica would run), for
-- bench/clickhouse.sh. One statement per tool, in the script's order, each
-- ending in a semicolon (none inside comments): the aggregation the tool runs.
-- payment-fees: fees and revenue by channel and New York month.
SELECT DATE_FORMAT(CONVERT_TZ(t.pay_time, 'UTC', 'America/New_York'), '%Y-%m') AS month, t.channel_id,
       COUNT(*), SUM(t.amount), COALESCE(SUM(f.total_fee), 0), SUM(t.amount * t.amount),
       COALESCE(SUM(t.amount * f.total_fee), 0)
FROM luckyus_sales_payment.t_trade t
LEFT JOIN luckyus_sales_payment.t_channel_fee f ON f.trade_no = t.trade_no
WHERE t.tenant = 'LKUS' AND t.currency_code = 'USD' AND t.trade_type = 1 AND t.trade_status = 20
GROUP BY month, t.channel_id;
-- reconciliation: paid orders against the sum of their successful trades.
SELECT p.id, p.order_no, p.pay_money, t.amount
FROM (SELECT id, order_no, pay_money FROM luckyus_sales_order.t_order
      WHERE tenant = 'LKUS' AND currency_code = 'USD' AND status IN (20, 30, 40, 60)) p
LEFT JOIN (SELECT order_no, SUM(amount) AS amount FROM luckyus_sales_payment.t_trade
           WHERE tenant = 'LKUS' AND currency_code = 'USD' AND trade_type = 1 AND trade_status = 20
           GROUP BY order_no) t ON t.order_no = p.order_no
WHERE t.amount IS NULL OR ABS(t.amount - p.pay_money) > 0.01;
-- tax-gap: items, sales, tax collected and due by New York day.
SELECT DATE(CONVERT_TZ(o.pay_time, 'UTC', 'America/New_York')) AS d, COUNT(*), SUM(i.pay_money),
       SUM(COALESCE(i.tax, 0)), SUM(ROUND(i.pay_money * 0.08875, 2)),
       SUM(CASE WHEN COALESCE(i.tax, 0) = 0 OR i.tax_rate IS NULL OR i.tax_rate <> 0.08875
                  OR COALESCE(i.tax, 0) <> ROUND(i.pay_money * i.tax_rate, 2) THEN 1 ELSE 0 END)
FROM luckyus_sales_order.t_order_item i
JOIN luckyus_sales_order.t_order o ON o.id = i.order_id
WHERE o.tenant = 'LKUS' AND o.currency_code = 'USD' AND o.status IN (20, 30, 40, 60) AND i.pay_money > 0
GROUP BY d;
-- tenant-audit: rows by tenant and currency of the largest tenant tables.
SELECT 'order', tenant, currency_code, COUNT(*) FROM luckyus_sales_order.t_order GROUP BY tenant, currency_code
UNION ALL
SELECT 'item', o.tenant, o.currency_code, COUNT(*) FROM luckyus_sales_order.t_order_item i
  JOIN luckyus_sales_order.t_order o ON o.id = i.order_id GROUP BY o.tenant, o.currency_code
UNION ALL
SELECT 'trade', tenant, currency_code, COUNT(*) FROM luckyus_sales_payment.t_trade GROUP BY tenant, currency_code;
