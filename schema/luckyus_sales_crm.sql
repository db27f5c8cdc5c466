CREATE DATABASE IF NOT EXISTS luckyus_sales_crm DEFAULT CHARACTER SET utf8mb4;
USE luckyus_sales_crm;

CREATE TABLE t_user (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  user_no VARCHAR(32) NOT NULL COMMENT 'business user number, unique',
  origin TINYINT NOT NULL COMMENT 'registration source, same codes as t_order.channel: 1 Android app, 2 iOS app, 3 delivery platform, 8 web ordering, 9 in-store kiosk, 10 partner or corporate ordering',
  country_code VARCHAR(8) NOT NULL COMMENT 'phone country calling code, e.g. +1 or +64',
  phone_hash CHAR(64) NOT NULL COMMENT 'SHA-256 hex of the normalised phone number, the raw phone is not stored',
  phone_tail CHAR(4) NOT NULL COMMENT 'last 4 digits of the phone number',
  register_shop_id BIGINT UNSIGNED NULL COMMENT 'store nearest at registration, luckyus_opshop.t_shop_info.id',
  inviter_user_no VARCHAR(32) NULL COMMENT 'referring user, luckyus_sales_crm.t_user.user_no, NULL if none',
  member_level TINYINT NOT NULL COMMENT 'membership level: 1 regular, 2 silver, 3 gold, 4 diamond',
  status TINYINT NOT NULL COMMENT 'account status: 1 normal, 2 frozen, 3 deactivated',
  register_time DATETIME NOT NULL COMMENT 'registration time UTC',
  last_login_time DATETIME NULL COMMENT 'last app login time UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC, same as register_time',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_user_no (user_no),
  KEY idx_phone_hash (phone_hash),
  KEY idx_register_time (register_time),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='registered customers';

CREATE TABLE t_user_profile (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  nickname VARCHAR(64) NULL COMMENT 'display name chosen by the user',
  gender TINYINT NOT NULL COMMENT 'gender: 0 unknown, 1 male, 2 female, 3 other',
  birth_year SMALLINT NULL COMMENT 'year of birth, NULL if not given',
  age_range TINYINT NOT NULL COMMENT 'age range: 0 unknown, 1 under 18, 2 18-24, 3 25-34, 4 35-44, 5 45-54, 6 55 and over',
  city VARCHAR(64) NULL COMMENT 'home city',
  state CHAR(2) NULL COMMENT 'US state code, e.g. NY',
  zip_code VARCHAR(10) NULL COMMENT 'postal code',
  preferred_shop_id BIGINT UNSIGNED NULL COMMENT 'favourite store, luckyus_opshop.t_shop_info.id',
  language VARCHAR(8) NOT NULL COMMENT 'app language, e.g. en, zh, es',
  push_opt_in TINYINT NOT NULL COMMENT 'push notifications allowed: 1 yes, 0 no',
  email_opt_in TINYINT NOT NULL COMMENT 'marketing email allowed: 1 yes, 0 no',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_user_no (user_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='customer demographics, at most one row per user, only users who filled in a profile';

CREATE TABLE t_user_history (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  action_type TINYINT NOT NULL COMMENT 'engagement action: 1 register, 2 login on new device, 3 profile update, 4 phone change, 5 member level change, 6 first order, 7 freeze, 8 unfreeze, 9 deactivate',
  channel TINYINT NOT NULL COMMENT 'client used, channel codes same as luckyus_sales_order.t_order.channel: 1 Android app, 2 iOS app, 3 delivery platform, 8 web ordering, 9 in-store kiosk, 10 partner or corporate ordering',
  before_value VARCHAR(64) NULL COMMENT 'value before the change, e.g. old member level',
  after_value VARCHAR(64) NULL COMMENT 'value after the change, e.g. new member level',
  action_time DATETIME NOT NULL COMMENT 'time of the action UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_user_no_time (user_no, action_time),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='customer engagement timeline, one row per account event';
