CREATE DATABASE IF NOT EXISTS luckyus_iot_platform DEFAULT CHARACTER SET utf8mb4;
USE luckyus_iot_platform;

CREATE TABLE t_device (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  device_no VARCHAR(32) NOT NULL COMMENT 'device number, unique',
  device_name VARCHAR(64) NOT NULL COMMENT 'display name, e.g. store code and position',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  brand VARCHAR(32) NOT NULL COMMENT 'manufacturer, Schaerer',
  machine_type VARCHAR(32) NOT NULL COMMENT 'machine model code, 14 distinct values, see docs/schema.md',
  serial_no VARCHAR(64) NOT NULL COMMENT 'manufacturer serial number',
  firmware_version VARCHAR(32) NOT NULL COMMENT 'firmware version',
  status TINYINT NOT NULL COMMENT 'device status: 1 in service, 2 under maintenance, 3 faulty, 4 retired',
  online_status TINYINT NOT NULL COMMENT 'connectivity: 1 online, 0 offline',
  install_time DATETIME NOT NULL COMMENT 'installation time UTC',
  last_online_time DATETIME NULL COMMENT 'last heartbeat UTC',
  last_maintenance_time DATETIME NULL COMMENT 'last completed maintenance UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_device_no (device_no),
  KEY idx_shop_id (shop_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='IoT connected machines in stores';

CREATE TABLE t_coffee_formula (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key, the formula_id used by t_cup_order_info',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  formula_no VARCHAR(32) NOT NULL COMMENT 'machine formula code, unique',
  formula_name VARCHAR(128) NOT NULL COMMENT 'formula name, e.g. Coconut Latte iced medium',
  commodity_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_commodity_base_info.id',
  machine_type VARCHAR(32) NOT NULL COMMENT 'machine model the formula runs on, same codes as t_device.machine_type',
  cup_size TINYINT NOT NULL COMMENT 'cup size: 1 small 12oz, 2 medium 16oz, 3 large 20oz',
  temperature TINYINT NOT NULL COMMENT 'temperature: 1 hot, 2 iced',
  step_count INT NOT NULL COMMENT 'number of machine steps, recipe complexity',
  params JSON NOT NULL COMMENT 'machine parameters: espresso shots, coffee grams, water ml, milk ml, foam level',
  version INT NOT NULL COMMENT 'formula version',
  status TINYINT NOT NULL COMMENT 'status: 1 active, 0 disabled',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_formula_no (formula_no),
  KEY idx_commodity_id (commodity_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='drink formulas downloaded to machines';

CREATE TABLE t_cup_order_info (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  device_no VARCHAR(32) NOT NULL COMMENT 'luckyus_iot_platform.t_device.device_no',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  order_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_order.t_order.order_no',
  commodity_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_commodity_base_info.id',
  formula_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_iot_platform.t_coffee_formula.id',
  status TINYINT NOT NULL COMMENT 'brew result: 1 success, 2 failed, 3 cancelled',
  error_code VARCHAR(32) NULL COMMENT 'machine error code when status 2, same codes as t_device_event.error_code',
  start_time DATETIME NOT NULL COMMENT 'brew start UTC',
  end_time DATETIME NULL COMMENT 'brew end UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_device_start (device_no, start_time),
  KEY idx_order_no (order_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='machine brew log, one row per cup brewed or attempted';

CREATE TABLE t_device_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  device_no VARCHAR(32) NOT NULL COMMENT 'luckyus_iot_platform.t_device.device_no',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  event_type TINYINT NOT NULL COMMENT 'event type: 1 online, 2 offline, 3 error, 4 error cleared, 5 maintenance start, 6 maintenance done, 7 cleaning cycle',
  event_level TINYINT NOT NULL COMMENT 'severity: 1 info, 2 warning, 3 critical',
  error_code VARCHAR(32) NULL COMMENT 'machine error code for event types 3 and 4, e.g. E101 grinder blocked, E205 milk system, E310 water pressure, E402 brewing unit, E501 temperature sensor',
  event_desc VARCHAR(255) NULL COMMENT 'free text description',
  event_time DATETIME NOT NULL COMMENT 'event time UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_device_time (device_no, event_time),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='machine status and error events';
