CREATE DATABASE IF NOT EXISTS luckyus_isales_cdp DEFAULT CHARACTER SET utf8mb4;
USE luckyus_isales_cdp;

CREATE TABLE t_user_state (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  state_type TINYINT NOT NULL COMMENT 'state dimension: 1 lifecycle, 2 purchase frequency, 3 monetary value, 4 coupon sensitivity',
  state_code VARCHAR(32) NOT NULL COMMENT 'segment code per state_type: 1 NEW, ACTIVE, SILENT, CHURNED, RECALLED, 2 FREQ_LOW, FREQ_MID, FREQ_HIGH, 3 VALUE_LOW, VALUE_MID, VALUE_HIGH, 4 COUPON_LOW, COUPON_MID, COUPON_HIGH',
  state_score DECIMAL(8,4) NULL COMMENT 'model score behind the segment, 0 to 1',
  effective_time DATETIME NOT NULL COMMENT 'time the current state_code took effect UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_user_state_type (user_no, state_type),
  KEY idx_state (state_type, state_code),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='current behavioural segment of each user, one row per user and state dimension';

CREATE TABLE t_realtime_user_group_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  group_id INT NOT NULL COMMENT 'realtime audience group id, same ids as luckyus_sales_marketing.t_user_group_label.label_id',
  group_name VARCHAR(64) NOT NULL COMMENT 'audience group name, e.g. lapsed_14d',
  action TINYINT NOT NULL COMMENT 'membership change: 1 in (entered group), 2 out (left group)',
  trigger_event VARCHAR(32) NOT NULL COMMENT 'event that caused the change, e.g. order_paid, coupon_received, app_open, daily_batch',
  log_time DATETIME NOT NULL COMMENT 'time of the change UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_user_no_time (user_no, log_time),
  KEY idx_group_time (group_id, log_time),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='realtime audience group entry and exit log';

CREATE TABLE t_user_event_track (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  user_no VARCHAR(32) NULL COMMENT 'luckyus_sales_crm.t_user.user_no, NULL for app_download before registration',
  device_id VARCHAR(64) NOT NULL COMMENT 'anonymous app install id, links app_download to later events',
  event_type VARCHAR(32) NOT NULL COMMENT 'funnel event: app_download, register, first_order, repeat_order, invite_friend',
  channel TINYINT NOT NULL COMMENT 'client, same codes as t_order.channel: 1 Android app, 2 iOS app, 3 delivery platform, 8 web ordering, 9 in-store kiosk, 10 partner or corporate ordering',
  source VARCHAR(64) NOT NULL COMMENT 'acquisition source: organic, apple_search_ads, google_ads, meta_ads, tiktok_ads, referral, store_flyer, delivery_platform',
  campaign VARCHAR(64) NULL COMMENT 'marketing campaign tag, NULL if organic',
  order_no VARCHAR(32) NULL COMMENT 'luckyus_sales_order.t_order.order_no for order events',
  event_time DATETIME NOT NULL COMMENT 'event time UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_user_no (user_no),
  KEY idx_device_id (device_id),
  KEY idx_event_time (event_type, event_time),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='first-touch and funnel events for acquisition tracking';

CREATE TABLE t_recommend_served_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  serve_no VARCHAR(32) NOT NULL COMMENT 'one served list: every product shown together shares it',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no the list was shown to',
  scene VARCHAR(32) NOT NULL COMMENT 'where it was shown: push, home_page',
  position TINYINT NOT NULL COMMENT 'rank in the list, 1 first',
  spu_id BIGINT UNSIGNED NOT NULL COMMENT 'recommended product, luckyus_scm_commodity.t_commodity_base_info.id',
  serve_time DATETIME NOT NULL COMMENT 'time the list was shown UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_user_no_time (user_no, serve_time),
  KEY idx_serve_no (serve_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='recommendation lists served to customers, one row per product shown';
