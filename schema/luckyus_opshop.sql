CREATE DATABASE IF NOT EXISTS luckyus_opshop DEFAULT CHARACTER SET utf8mb4;
USE luckyus_opshop;

CREATE TABLE t_shop_info (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key, the shop_id used by all other databases',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_no VARCHAR(16) NOT NULL COMMENT 'store code, unique, e.g. US0001',
  shop_name VARCHAR(128) NOT NULL COMMENT 'store name',
  shop_type TINYINT NOT NULL COMMENT 'store type: 1 pickup store, 2 flagship store with seating, 3 kiosk',
  address VARCHAR(255) NOT NULL COMMENT 'street address',
  city VARCHAR(64) NOT NULL COMMENT 'city',
  state CHAR(2) NOT NULL COMMENT 'US state code, e.g. NY',
  zip_code VARCHAR(10) NOT NULL COMMENT 'postal code',
  latitude DOUBLE NOT NULL COMMENT 'latitude',
  longitude DOUBLE NOT NULL COMMENT 'longitude',
  timezone VARCHAR(64) NOT NULL COMMENT 'IANA time zone, America/New_York for all US stores',
  currency_code CHAR(3) NOT NULL COMMENT 'expected ISO 4217 currency of orders at this store, USD',
  status TINYINT NOT NULL COMMENT 'store status: 1 preparing, 2 open, 3 temporarily closed, 4 permanently closed',
  open_date DATE NULL COMMENT 'first trading day, local date',
  close_date DATE NULL COMMENT 'last trading day for closed stores, local date',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_shop_no (shop_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store master data';

CREATE TABLE t_shop_opening_time (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  biz_date DATE NOT NULL COMMENT 'business date, America/New_York',
  week_day TINYINT NOT NULL COMMENT 'day of week of biz_date: 1 Monday to 7 Sunday',
  business_type TINYINT NOT NULL COMMENT 'order type served: 1 app pickup, 2 delivery, 3 walk-in',
  start_time CHAR(5) NOT NULL COMMENT 'slot start, local time HH:MM, 30-minute slots',
  end_time CHAR(5) NOT NULL COMMENT 'slot end, local time HH:MM',
  is_open TINYINT NOT NULL COMMENT 'accepting orders in this slot: 1 open, 0 closed or paused',
  time_type TINYINT NOT NULL COMMENT 'schedule source: 1 regular hours, 2 holiday hours, 3 temporary adjustment',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_shop_slot (shop_id, biz_date, business_type, start_time),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store operating schedule, one row per store, business date, business type and 30-minute slot';

CREATE TABLE t_shop_staff_shift (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  biz_date DATE NOT NULL COMMENT 'business date of the shift, America/New_York',
  week_day TINYINT NOT NULL COMMENT 'day of week of biz_date: 1 Monday to 7 Sunday',
  employee_no VARCHAR(32) NOT NULL COMMENT 'store employee code',
  plan_start DATETIME NOT NULL COMMENT 'scheduled shift start UTC',
  plan_end DATETIME NOT NULL COMMENT 'scheduled shift end UTC',
  clock_in DATETIME NULL COMMENT 'attendance clock-in UTC, null when the employee did not come',
  clock_out DATETIME NULL COMMENT 'attendance clock-out UTC',
  status TINYINT NOT NULL COMMENT 'shift status: 1 scheduled (not yet worked), 2 worked, 3 no-show (scheduled, did not come)',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_shop_date_employee (shop_id, biz_date, employee_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='store rota and attendance, one row per scheduled shift of an employee';
