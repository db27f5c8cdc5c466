CREATE DATABASE IF NOT EXISTS luckyus_ifiaccounting DEFAULT CHARACTER SET utf8mb4;
USE luckyus_ifiaccounting;

CREATE TABLE t_acc_income_bill (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  bill_no VARCHAR(32) NOT NULL COMMENT 'income bill number, unique',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  biz_date DATE NOT NULL COMMENT 'business date, America/New_York',
  biz_hour TINYINT NOT NULL COMMENT 'business hour 0 to 23, America/New_York, the bill summarises trades of this hour',
  bill_type TINYINT NOT NULL COMMENT 'income type: 1 sales income, 2 refund (amount negative)',
  channel_id INT NOT NULL COMMENT 'payment channel, same codes as luckyus_sales_payment.t_trade.channel_id',
  trade_cnt INT NOT NULL COMMENT 'number of source trades summarised',
  amount DECIMAL(12,2) NOT NULL COMMENT 'booked amount incl tax and tip, dollars, negative for refunds',
  tax_amount DECIMAL(12,2) NOT NULL COMMENT 'sales tax included in amount, dollars',
  currency_code CHAR(3) NOT NULL COMMENT 'ISO 4217 currency: USD or NZD',
  sales_source TINYINT NOT NULL COMMENT 'sales source: 1 Luckin app and in store, 2 delivery platform',
  source_ref VARCHAR(64) NOT NULL COMMENT 'source reference: summary batch key shop-date-hour-channel-source in luckyus_sales_payment.t_trade',
  status TINYINT NOT NULL COMMENT 'bill status: 10 pending, 20 posted, 30 reversed',
  post_time DATETIME NULL COMMENT 'time posted to the ledger UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_bill_no (bill_no),
  KEY idx_shop_date (shop_id, biz_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='booked income, one row per shop, business date, hour, payment channel, bill type and sales source';

CREATE TABLE t_acc_cost_bill (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  bill_no VARCHAR(32) NOT NULL COMMENT 'cost bill number, unique',
  shop_id BIGINT UNSIGNED NULL COMMENT 'luckyus_opshop.t_shop_info.id, NULL for company-level costs',
  biz_date DATE NOT NULL COMMENT 'accounting date, America/New_York',
  cost_type TINYINT NOT NULL COMMENT 'cost type: 1 raw materials, 2 packaging, 3 payment processing fees, 4 rent, 5 labor, 6 utilities, 7 equipment maintenance, 8 marketing and coupons, 9 delivery platform commission, 99 other',
  supplier_id BIGINT UNSIGNED NULL COMMENT 'luckyus_scm_purchase.t_supplier.id for supplier costs',
  source_ref VARCHAR(64) NULL COMMENT 'source document, e.g. settlement_no of luckyus_scm_purchase.t_supplier_settlement',
  amount DECIMAL(12,2) NOT NULL COMMENT 'cost amount, dollars',
  currency_code CHAR(3) NOT NULL COMMENT 'ISO 4217 currency: USD or NZD',
  status TINYINT NOT NULL COMMENT 'bill status: 10 pending, 20 posted, 30 reversed',
  post_time DATETIME NULL COMMENT 'time posted to the ledger UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_bill_no (bill_no),
  KEY idx_shop_date (shop_id, biz_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='booked cost entries';
