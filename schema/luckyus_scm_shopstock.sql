CREATE DATABASE IF NOT EXISTS luckyus_scm_shopstock DEFAULT CHARACTER SET utf8mb4;
USE luckyus_scm_shopstock;

CREATE TABLE t_shop_goods_stock (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_mdm_goods.id',
  batch_no VARCHAR(32) NOT NULL COMMENT 'receiving batch, stock is kept per batch for expiry tracking',
  stock_qty DECIMAL(14,3) NOT NULL COMMENT 'quantity on hand in this batch, in unit',
  frozen_qty DECIMAL(14,3) NOT NULL COMMENT 'quantity locked for pending orders or quality hold, in unit',
  unit VARCHAR(16) NOT NULL COMMENT 'stock unit, same as luckyus_scm_commodity.t_mdm_goods.unit',
  safety_stock DECIMAL(14,3) NOT NULL COMMENT 'safety stock of this goods at this shop, in unit, repeated on every batch row',
  production_date DATE NULL COMMENT 'manufacture date of the batch',
  expire_date DATE NULL COMMENT 'expiry date of the batch, NULL if not perishable',
  status TINYINT NOT NULL COMMENT 'batch status: 1 available, 2 used up, 3 expired, 4 on hold',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC, time the batch was received',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_shop_goods_batch (shop_id, goods_id, batch_no),
  KEY idx_goods_id (goods_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store stock positions, one row per shop, goods and batch';

CREATE TABLE t_shop_goods_stock_change_mon (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_mdm_goods.id',
  change_type TINYINT NOT NULL COMMENT 'change type: 1 consume, 2 receive, 3 waste, 4 adjust, 5 transfer in, 6 transfer out, 7 return to supplier',
  change_qty DECIMAL(14,3) NOT NULL COMMENT 'signed quantity in stock unit: negative for consume, waste, transfer out, return, positive for receive and transfer in, either sign for adjust',
  before_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand of the goods before the change',
  after_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand after the change, before_qty + change_qty',
  biz_date DATE NOT NULL COMMENT 'business date, America/New_York, always a Monday',
  ref_no VARCHAR(32) NULL COMMENT 'source document: order_no for consume, ship_no of luckyus_scm_purchase.t_ship_order for receive, stocktake or waste ticket otherwise',
  create_time DATETIME NOT NULL COMMENT 'time of the change UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_shop_goods_date (shop_id, goods_id, biz_date),
  KEY idx_biz_date (biz_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store stock movements whose business date is a Monday';

CREATE TABLE t_shop_goods_stock_change_tue (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_mdm_goods.id',
  change_type TINYINT NOT NULL COMMENT 'change type: 1 consume, 2 receive, 3 waste, 4 adjust, 5 transfer in, 6 transfer out, 7 return to supplier',
  change_qty DECIMAL(14,3) NOT NULL COMMENT 'signed quantity in stock unit: negative for consume, waste, transfer out, return, positive for receive and transfer in, either sign for adjust',
  before_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand of the goods before the change',
  after_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand after the change, before_qty + change_qty',
  biz_date DATE NOT NULL COMMENT 'business date, America/New_York, always a Tuesday',
  ref_no VARCHAR(32) NULL COMMENT 'source document: order_no for consume, ship_no of luckyus_scm_purchase.t_ship_order for receive, stocktake or waste ticket otherwise',
  create_time DATETIME NOT NULL COMMENT 'time of the change UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_shop_goods_date (shop_id, goods_id, biz_date),
  KEY idx_biz_date (biz_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store stock movements whose business date is a Tuesday';

CREATE TABLE t_shop_goods_stock_change_wed (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_mdm_goods.id',
  change_type TINYINT NOT NULL COMMENT 'change type: 1 consume, 2 receive, 3 waste, 4 adjust, 5 transfer in, 6 transfer out, 7 return to supplier',
  change_qty DECIMAL(14,3) NOT NULL COMMENT 'signed quantity in stock unit: negative for consume, waste, transfer out, return, positive for receive and transfer in, either sign for adjust',
  before_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand of the goods before the change',
  after_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand after the change, before_qty + change_qty',
  biz_date DATE NOT NULL COMMENT 'business date, America/New_York, always a Wednesday',
  ref_no VARCHAR(32) NULL COMMENT 'source document: order_no for consume, ship_no of luckyus_scm_purchase.t_ship_order for receive, stocktake or waste ticket otherwise',
  create_time DATETIME NOT NULL COMMENT 'time of the change UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_shop_goods_date (shop_id, goods_id, biz_date),
  KEY idx_biz_date (biz_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store stock movements whose business date is a Wednesday';

CREATE TABLE t_shop_goods_stock_change_thu (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_mdm_goods.id',
  change_type TINYINT NOT NULL COMMENT 'change type: 1 consume, 2 receive, 3 waste, 4 adjust, 5 transfer in, 6 transfer out, 7 return to supplier',
  change_qty DECIMAL(14,3) NOT NULL COMMENT 'signed quantity in stock unit: negative for consume, waste, transfer out, return, positive for receive and transfer in, either sign for adjust',
  before_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand of the goods before the change',
  after_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand after the change, before_qty + change_qty',
  biz_date DATE NOT NULL COMMENT 'business date, America/New_York, always a Thursday',
  ref_no VARCHAR(32) NULL COMMENT 'source document: order_no for consume, ship_no of luckyus_scm_purchase.t_ship_order for receive, stocktake or waste ticket otherwise',
  create_time DATETIME NOT NULL COMMENT 'time of the change UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_shop_goods_date (shop_id, goods_id, biz_date),
  KEY idx_biz_date (biz_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store stock movements whose business date is a Thursday';

CREATE TABLE t_shop_goods_stock_change_fri (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_mdm_goods.id',
  change_type TINYINT NOT NULL COMMENT 'change type: 1 consume, 2 receive, 3 waste, 4 adjust, 5 transfer in, 6 transfer out, 7 return to supplier',
  change_qty DECIMAL(14,3) NOT NULL COMMENT 'signed quantity in stock unit: negative for consume, waste, transfer out, return, positive for receive and transfer in, either sign for adjust',
  before_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand of the goods before the change',
  after_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand after the change, before_qty + change_qty',
  biz_date DATE NOT NULL COMMENT 'business date, America/New_York, always a Friday',
  ref_no VARCHAR(32) NULL COMMENT 'source document: order_no for consume, ship_no of luckyus_scm_purchase.t_ship_order for receive, stocktake or waste ticket otherwise',
  create_time DATETIME NOT NULL COMMENT 'time of the change UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_shop_goods_date (shop_id, goods_id, biz_date),
  KEY idx_biz_date (biz_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store stock movements whose business date is a Friday';

CREATE TABLE t_shop_goods_stock_change_sat (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_mdm_goods.id',
  change_type TINYINT NOT NULL COMMENT 'change type: 1 consume, 2 receive, 3 waste, 4 adjust, 5 transfer in, 6 transfer out, 7 return to supplier',
  change_qty DECIMAL(14,3) NOT NULL COMMENT 'signed quantity in stock unit: negative for consume, waste, transfer out, return, positive for receive and transfer in, either sign for adjust',
  before_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand of the goods before the change',
  after_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand after the change, before_qty + change_qty',
  biz_date DATE NOT NULL COMMENT 'business date, America/New_York, always a Saturday',
  ref_no VARCHAR(32) NULL COMMENT 'source document: order_no for consume, ship_no of luckyus_scm_purchase.t_ship_order for receive, stocktake or waste ticket otherwise',
  create_time DATETIME NOT NULL COMMENT 'time of the change UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_shop_goods_date (shop_id, goods_id, biz_date),
  KEY idx_biz_date (biz_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store stock movements whose business date is a Saturday';

CREATE TABLE t_shop_goods_stock_change_sun (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_mdm_goods.id',
  change_type TINYINT NOT NULL COMMENT 'change type: 1 consume, 2 receive, 3 waste, 4 adjust, 5 transfer in, 6 transfer out, 7 return to supplier',
  change_qty DECIMAL(14,3) NOT NULL COMMENT 'signed quantity in stock unit: negative for consume, waste, transfer out, return, positive for receive and transfer in, either sign for adjust',
  before_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand of the goods before the change',
  after_qty DECIMAL(14,3) NOT NULL COMMENT 'shop quantity on hand after the change, before_qty + change_qty',
  biz_date DATE NOT NULL COMMENT 'business date, America/New_York, always a Sunday',
  ref_no VARCHAR(32) NULL COMMENT 'source document: order_no for consume, ship_no of luckyus_scm_purchase.t_ship_order for receive, stocktake or waste ticket otherwise',
  create_time DATETIME NOT NULL COMMENT 'time of the change UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_shop_goods_date (shop_id, goods_id, biz_date),
  KEY idx_biz_date (biz_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store stock movements whose business date is a Sunday';
