CREATE DATABASE IF NOT EXISTS luckyus_fi_tax DEFAULT CHARACTER SET utf8mb4;
USE luckyus_fi_tax;

CREATE TABLE t_tax_invoice (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  invoice_no VARCHAR(32) NOT NULL COMMENT 'tax invoice number, unique',
  order_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_order.t_order.order_no',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  invoice_type TINYINT NOT NULL COMMENT 'invoice type: 1 sales receipt, 2 credit note',
  taxable_amount DECIMAL(12,2) NOT NULL COMMENT 'amount subject to tax, dollars',
  tax_amount DECIMAL(12,2) NOT NULL COMMENT 'tax, dollars',
  total_amount DECIMAL(12,2) NOT NULL COMMENT 'taxable_amount + tax_amount, dollars',
  currency_code CHAR(3) NOT NULL COMMENT 'ISO 4217 currency',
  issue_time DATETIME NULL COMMENT 'issue time UTC',
  status TINYINT NOT NULL COMMENT 'invoice status: 10 pending, 20 issued, 30 voided',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_invoice_no (invoice_no),
  KEY idx_order_no (order_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='sales tax invoices, empty in production';

CREATE TABLE t_tax_invoice_item (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  invoice_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_fi_tax.t_tax_invoice.id',
  invoice_no VARCHAR(32) NOT NULL COMMENT 'luckyus_fi_tax.t_tax_invoice.invoice_no',
  order_item_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_sales_order.t_order_item.id',
  spu_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_commodity_base_info.id',
  item_name VARCHAR(128) NOT NULL COMMENT 'product name',
  quantity INT NOT NULL COMMENT 'units',
  taxable_amount DECIMAL(12,2) NOT NULL COMMENT 'line amount subject to tax, dollars',
  tax_rate DECIMAL(6,5) NOT NULL COMMENT 'tax rate, e.g. 0.08875',
  tax_amount DECIMAL(12,2) NOT NULL COMMENT 'line tax, dollars',
  jurisdiction VARCHAR(32) NOT NULL COMMENT 'tax jurisdiction code, e.g. NY_NYC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_invoice_id (invoice_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='sales tax invoice lines, empty in production';

CREATE TABLE t_tax_declaration (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  declaration_no VARCHAR(32) NOT NULL COMMENT 'filing number, unique',
  jurisdiction VARCHAR(32) NOT NULL COMMENT 'tax jurisdiction code, e.g. NY_NYC',
  period_start DATE NOT NULL COMMENT 'first day of the filing period',
  period_end DATE NOT NULL COMMENT 'last day of the filing period',
  taxable_sales DECIMAL(14,2) NOT NULL COMMENT 'taxable sales in the period, dollars',
  tax_due DECIMAL(14,2) NOT NULL COMMENT 'tax due, dollars',
  tax_paid DECIMAL(14,2) NOT NULL COMMENT 'tax paid, dollars',
  currency_code CHAR(3) NOT NULL COMMENT 'ISO 4217 currency',
  filing_status TINYINT NOT NULL COMMENT 'filing status: 10 draft, 20 filed, 30 paid, 40 amended',
  file_date DATE NULL COMMENT 'date filed',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_declaration_no (declaration_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='periodic sales tax filings, empty in production';
