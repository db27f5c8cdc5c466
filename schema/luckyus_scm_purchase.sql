CREATE DATABASE IF NOT EXISTS luckyus_scm_purchase DEFAULT CHARACTER SET utf8mb4;
USE luckyus_scm_purchase;

CREATE TABLE t_supplier (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key, the supplier_id used by other tables',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  supplier_no VARCHAR(32) NOT NULL COMMENT 'supplier code, unique',
  supplier_name VARCHAR(128) NOT NULL COMMENT 'supplier name',
  supplier_type TINYINT NOT NULL COMMENT 'supplier type: 1 coffee beans, 2 dairy and alternatives, 3 syrups and ingredients, 4 packaging, 5 bakery and food, 6 logistics, 7 equipment and parts',
  payment_term_days INT NOT NULL COMMENT 'payment terms in days after receipt, e.g. 30 for net 30',
  currency_code CHAR(3) NOT NULL COMMENT 'ISO 4217 currency, USD',
  city VARCHAR(64) NULL COMMENT 'city',
  state CHAR(2) NULL COMMENT 'US state code',
  status TINYINT NOT NULL COMMENT 'status: 1 active, 2 suspended, 3 terminated',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_supplier_no (supplier_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='supplier master data';

CREATE TABLE t_purchase_order (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  po_no VARCHAR(32) NOT NULL COMMENT 'purchase order number, unique',
  supplier_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_purchase.t_supplier.id',
  warehouse_id INT NOT NULL COMMENT 'receiving distribution center id: 1 New York metro DC, 2 New Jersey DC',
  order_date DATE NOT NULL COMMENT 'date the order was placed, America/New_York',
  expected_arrival_date DATE NOT NULL COMMENT 'promised delivery date',
  total_amount DECIMAL(14,2) NOT NULL COMMENT 'order value, dollars, sum of t_purchase_order_item.amount',
  currency_code CHAR(3) NOT NULL COMMENT 'ISO 4217 currency, USD',
  status TINYINT NOT NULL COMMENT 'PO status: 10 draft, 20 submitted, 30 confirmed by supplier, 40 partially received, 50 received, 60 cancelled',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_po_no (po_no),
  KEY idx_supplier_date (supplier_id, order_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='purchase orders to suppliers';

CREATE TABLE t_purchase_order_item (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  po_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_purchase.t_purchase_order.id',
  po_no VARCHAR(32) NOT NULL COMMENT 'luckyus_scm_purchase.t_purchase_order.po_no',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_mdm_goods.id',
  goods_name VARCHAR(128) NOT NULL COMMENT 'goods name at order time',
  purchase_unit VARCHAR(16) NOT NULL COMMENT 'purchasing unit, same as t_mdm_goods.purchase_unit',
  quantity DECIMAL(14,3) NOT NULL COMMENT 'quantity ordered, in purchase_unit',
  unit_price DECIMAL(12,2) NOT NULL COMMENT 'price per purchase_unit, dollars',
  amount DECIMAL(14,2) NOT NULL COMMENT 'line amount, dollars, quantity x unit_price',
  received_qty DECIMAL(14,3) NOT NULL COMMENT 'quantity received so far, in purchase_unit',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_po_id (po_id),
  KEY idx_goods_id (goods_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='purchase order lines';

CREATE TABLE t_ship_order (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  ship_no VARCHAR(32) NOT NULL COMMENT 'shipment number, unique',
  po_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_purchase.t_purchase_order.id',
  po_no VARCHAR(32) NOT NULL COMMENT 'luckyus_scm_purchase.t_purchase_order.po_no',
  supplier_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_purchase.t_supplier.id',
  quantity DECIMAL(14,3) NOT NULL COMMENT 'total quantity shipped across goods, in purchase units',
  carrier VARCHAR(64) NULL COMMENT 'carrier name',
  tracking_no VARCHAR(64) NULL COMMENT 'carrier tracking number',
  ship_date DATE NOT NULL COMMENT 'date shipped, America/New_York',
  expected_arrival_date DATE NOT NULL COMMENT 'expected arrival date of this shipment',
  arrival_date DATE NULL COMMENT 'actual arrival date, NULL if not arrived',
  status TINYINT NOT NULL COMMENT 'shipment status: 10 created, 20 in transit, 30 arrived, 40 received and checked, 50 cancelled',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_ship_no (ship_no),
  KEY idx_po_id (po_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='supplier shipments, one or more per purchase order';

CREATE TABLE t_supplier_settlement (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  settlement_no VARCHAR(32) NOT NULL COMMENT 'settlement number, unique',
  supplier_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_purchase.t_supplier.id',
  po_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_purchase.t_purchase_order.id',
  po_no VARCHAR(32) NOT NULL COMMENT 'luckyus_scm_purchase.t_purchase_order.po_no',
  ship_no VARCHAR(32) NULL COMMENT 'luckyus_scm_purchase.t_ship_order.ship_no settled, NULL if settled per PO',
  invoice_no VARCHAR(64) NULL COMMENT 'supplier invoice number',
  amount DECIMAL(14,2) NOT NULL COMMENT 'amount payable, dollars',
  currency_code CHAR(3) NOT NULL COMMENT 'ISO 4217 currency, USD',
  due_date DATE NOT NULL COMMENT 'payment due date',
  paid_date DATE NULL COMMENT 'actual payment date, NULL if unpaid',
  status TINYINT NOT NULL COMMENT 'settlement status: 10 pending, 20 approved, 30 paid, 40 cancelled',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_settlement_no (settlement_no),
  KEY idx_supplier_id (supplier_id),
  KEY idx_po_id (po_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='supplier payables and payments';
