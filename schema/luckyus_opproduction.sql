CREATE DATABASE IF NOT EXISTS luckyus_opproduction DEFAULT CHARACTER SET utf8mb4;
USE luckyus_opproduction;

CREATE TABLE t_production (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  production_no VARCHAR(32) NOT NULL COMMENT 'production ticket number, unique',
  order_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_order.t_order.order_no',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  cup_count INT NOT NULL COMMENT 'number of items to make, equals rows in t_commodity for this ticket',
  status TINYINT NOT NULL COMMENT 'production status: 10 accepted, 20 making, 30 done, 40 picked up, 50 cancelled',
  accept_time DATETIME NOT NULL COMMENT 'time the store accepted the ticket UTC, production time starts here',
  start_time DATETIME NULL COMMENT 'time the first item started UTC',
  done_time DATETIME NULL COMMENT 'time all items were finished UTC, production time = done_time - accept_time',
  pickup_time DATETIME NULL COMMENT 'time the customer or courier collected the order UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_production_no (production_no),
  KEY idx_order_no (order_no),
  KEY idx_shop_accept (shop_id, accept_time),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store production tickets, one row per paid order sent to the store';

CREATE TABLE t_commodity (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  production_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opproduction.t_production.id',
  order_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_order.t_order.order_no',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  commodity_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_commodity_base_info.id',
  commodity_name VARCHAR(128) NOT NULL COMMENT 'product name',
  cup_size TINYINT NOT NULL COMMENT 'cup size: 0 not applicable (food), 1 small 12oz, 2 medium 16oz, 3 large 20oz',
  temperature TINYINT NOT NULL COMMENT 'temperature: 0 not applicable (food), 1 hot, 2 iced',
  device_no VARCHAR(32) NULL COMMENT 'machine used, luckyus_iot_platform.t_device.device_no, NULL for food',
  status TINYINT NOT NULL COMMENT 'item status: 10 waiting, 20 making, 30 done, 50 cancelled',
  start_time DATETIME NULL COMMENT 'item start UTC',
  done_time DATETIME NULL COMMENT 'item finished UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_production_id (production_id),
  KEY idx_order_no (order_no),
  KEY idx_commodity_id (commodity_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='items of a production ticket, one row per cup or food item made';
