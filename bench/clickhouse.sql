-- The money tools' analyses as plain SQL on the MySQL sources: what an analyst
-- pointing a BI tool at a read replica would run to get the same report, for
-- bench/clickhouse.sh and bench/engines-ab.sh. A section per tool, opened by a
-- "-- tool: NAME" line, holds every heavy query the tool's report runs on its
-- warehouse (the same groupings and joins, on the source tables), each ending
-- in a semicolon at the end of a line (none inside comments). A section's
-- statements run at once on as many connections as the machine has cores,
-- taken in order, as luckyhub runs a report's batch (bench/engines-lib.sh).
-- The production tenant in USD, every day of the data (the reports' default
-- window covers it all).

-- tool: payment-fees
-- Payments and their fees by channel and New York month.
SELECT DATE_FORMAT(CONVERT_TZ(t.pay_time, 'UTC', 'America/New_York'), '%Y-%m') AS month, t.channel_id,
       COUNT(*), SUM(t.amount), COALESCE(SUM(f.total_fee), 0), SUM(t.amount * t.amount),
       COALESCE(SUM(t.amount * f.total_fee), 0)
FROM luckyus_sales_payment.t_trade t
LEFT JOIN luckyus_sales_payment.t_channel_fee f ON f.trade_no = t.trade_no
WHERE t.tenant = 'LKUS' AND t.currency_code = 'USD' AND t.trade_type = 1 AND t.trade_status = 20
GROUP BY month, t.channel_id;

-- tool: reconciliation
-- Successful trades per store, New York day and hour, channel and type (what
-- the income bills are matched against, and the days' payments and refunds).
SELECT shop_id, DATE(CONVERT_TZ(pay_time, 'UTC', 'America/New_York')) AS d,
       HOUR(CONVERT_TZ(pay_time, 'UTC', 'America/New_York')) AS h, channel_id, trade_type, COUNT(*), SUM(amount)
FROM luckyus_sales_payment.t_trade
WHERE tenant = 'LKUS' AND currency_code = 'USD' AND trade_status = 20
GROUP BY shop_id, d, h, channel_id, trade_type;
-- The income bills.
SELECT shop_id, biz_date, biz_hour, channel_id, bill_type, id, amount, sales_source
FROM luckyus_ifiaccounting.t_acc_income_bill
WHERE tenant = 'LKUS' AND currency_code = 'USD' AND status <> 30
ORDER BY id;
-- Paid orders against the sum of their successful trades.
SELECT p.id, p.order_no, p.pay_money, t.amount
FROM (SELECT id, order_no, pay_money FROM luckyus_sales_order.t_order
      WHERE tenant = 'LKUS' AND currency_code = 'USD' AND status IN (20, 30, 40, 60)) p
LEFT JOIN (SELECT order_no, SUM(amount) AS amount FROM luckyus_sales_payment.t_trade
           WHERE tenant = 'LKUS' AND currency_code = 'USD' AND trade_type = 1 AND trade_status = 20
           GROUP BY order_no) t ON t.order_no = p.order_no
WHERE t.amount IS NULL OR ABS(t.amount - p.pay_money) > 0.01;
-- The effective processing rate by month (payment-fees' grouping).
SELECT DATE_FORMAT(CONVERT_TZ(t.pay_time, 'UTC', 'America/New_York'), '%Y-%m') AS month, t.channel_id,
       COUNT(*), SUM(t.amount), COALESCE(SUM(f.total_fee), 0)
FROM luckyus_sales_payment.t_trade t
LEFT JOIN luckyus_sales_payment.t_channel_fee f ON f.trade_no = t.trade_no
WHERE t.tenant = 'LKUS' AND t.currency_code = 'USD' AND t.trade_type = 1 AND t.trade_status = 20
GROUP BY month, t.channel_id;
-- Successful payments without an order of their tenant and currency.
SELECT t.id, t.order_no, DATE(CONVERT_TZ(t.pay_time, 'UTC', 'America/New_York')), t.shop_id, t.amount, o.id
FROM luckyus_sales_payment.t_trade t
LEFT JOIN luckyus_sales_order.t_order o ON o.order_no = t.order_no
WHERE t.tenant = 'LKUS' AND t.currency_code = 'USD' AND t.trade_type = 1 AND t.trade_status = 20
  AND (o.id IS NULL OR o.tenant <> t.tenant OR o.currency_code <> t.currency_code)
ORDER BY t.id;
-- Orders per New York day.
SELECT DATE(CONVERT_TZ(pay_time, 'UTC', 'America/New_York')) AS d, COUNT(*), SUM(pay_money)
FROM luckyus_sales_order.t_order
WHERE tenant = 'LKUS' AND currency_code = 'USD' AND status IN (20, 30, 40, 60)
GROUP BY d;
-- Processing fees per channel per day.
SELECT fee_date, channel_id, SUM(total_fee)
FROM luckyus_sales_payment.t_channel_fee
WHERE tenant = 'LKUS' AND currency_code = 'USD'
GROUP BY fee_date, channel_id ORDER BY fee_date, channel_id;

-- tool: tax-gap
-- Items, sales, tax collected and due by New York day.
SELECT DATE(CONVERT_TZ(o.pay_time, 'UTC', 'America/New_York')) AS d, COUNT(*), SUM(i.pay_money),
       SUM(COALESCE(i.tax, 0)), SUM(ROUND(i.pay_money * 0.08875, 2)),
       SUM(CASE WHEN (COALESCE(i.tax, 0) = 0 AND ROUND(i.pay_money * 0.08875, 2) > 0) OR i.tax_rate IS NULL
                  OR i.tax_rate <> 0.08875 OR COALESCE(i.tax, 0) <> ROUND(i.pay_money * i.tax_rate, 2)
                THEN 1 ELSE 0 END)
FROM luckyus_sales_order.t_order_item i
JOIN luckyus_sales_order.t_order o ON o.id = i.order_id
WHERE o.tenant = 'LKUS' AND o.currency_code = 'USD' AND o.status IN (20, 30, 40, 60) AND i.pay_money > 0
GROUP BY d;
-- The NZ test tenant's items by month, with the GST inside their price.
SELECT DATE_FORMAT(CONVERT_TZ(o.pay_time, 'UTC', 'America/New_York'), '%Y-%m') AS m, COUNT(*), SUM(i.pay_money),
       SUM(COALESCE(i.tax, 0)), SUM(ROUND(i.pay_money * 3 / 23, 2))
FROM luckyus_sales_order.t_order_item i
JOIN luckyus_sales_order.t_order o ON o.id = i.order_id
WHERE o.tenant = 'LKNZ' AND o.currency_code = 'NZD' AND o.status IN (20, 30, 40, 60) AND i.pay_money > 0
GROUP BY m;
-- The flagged items.
SELECT i.id, o.order_no, DATE(CONVERT_TZ(o.pay_time, 'UTC', 'America/New_York')), i.spu_name, i.pay_money,
       i.tax_rate, i.tax, ROUND(i.pay_money * 0.08875, 2),
       CASE WHEN COALESCE(i.tax, 0) = 0 AND ROUND(i.pay_money * 0.08875, 2) > 0 THEN 'missing'
            WHEN i.tax_rate IS NULL OR i.tax_rate <> 0.08875 THEN 'wrong_rate' ELSE 'wrong_amount' END
FROM luckyus_sales_order.t_order_item i
JOIN luckyus_sales_order.t_order o ON o.id = i.order_id
WHERE o.tenant = 'LKUS' AND o.currency_code = 'USD' AND o.status IN (20, 30, 40, 60) AND i.pay_money > 0
  AND ((COALESCE(i.tax, 0) = 0 AND ROUND(i.pay_money * 0.08875, 2) > 0) OR i.tax_rate IS NULL
       OR i.tax_rate <> 0.08875 OR COALESCE(i.tax, 0) <> ROUND(i.pay_money * i.tax_rate, 2))
ORDER BY i.id LIMIT 5001;

-- tool: tenant-audit
-- Rows by tenant and currency of the largest tenant tables.
SELECT 'order', tenant, currency_code, COUNT(*) FROM luckyus_sales_order.t_order GROUP BY tenant, currency_code
UNION ALL
SELECT 'item', o.tenant, o.currency_code, COUNT(*) FROM luckyus_sales_order.t_order_item i
  JOIN luckyus_sales_order.t_order o ON o.id = i.order_id GROUP BY o.tenant, o.currency_code
UNION ALL
SELECT 'trade', tenant, currency_code, COUNT(*) FROM luckyus_sales_payment.t_trade GROUP BY tenant, currency_code;
