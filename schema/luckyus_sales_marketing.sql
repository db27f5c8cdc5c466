CREATE DATABASE IF NOT EXISTS luckyus_sales_marketing DEFAULT CHARACTER SET utf8mb4;
USE luckyus_sales_marketing;

CREATE TABLE t_market_activity (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  activity_id BIGINT UNSIGNED NOT NULL COMMENT 'business campaign id, unique',
  activity_name VARCHAR(128) NOT NULL COMMENT 'campaign name',
  activity_type TINYINT NOT NULL COMMENT 'campaign type: 1 new user gift, 2 referral invite, 3 coupon drop, 4 limited-time discount, 5 stamp card, 6 store opening, 7 holiday promotion',
  shop_id BIGINT UNSIGNED NULL COMMENT 'store-specific campaign, luckyus_opshop.t_shop_info.id, NULL for all stores',
  budget DECIMAL(12,2) NOT NULL COMMENT 'campaign budget, dollars',
  start_time DATETIME NOT NULL COMMENT 'campaign start UTC',
  end_time DATETIME NOT NULL COMMENT 'campaign end UTC',
  status TINYINT NOT NULL COMMENT 'campaign status: 1 draft, 2 running, 3 ended, 4 cancelled',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_activity_id (activity_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='marketing campaigns';

CREATE TABLE t_coupon_template (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  template_id BIGINT UNSIGNED NOT NULL COMMENT 'business template id, unique',
  template_name VARCHAR(128) NOT NULL COMMENT 'coupon name shown to users',
  coupon_type TINYINT NOT NULL COMMENT 'coupon type: 1 amount off, 2 percent off, 3 free drink, 4 fixed price drink, 5 free delivery',
  discount_amount DECIMAL(10,2) NOT NULL COMMENT 'dollars: amount off for type 1, final price for type 4, max delivery fee waived for type 5, 0 otherwise',
  discount_rate DECIMAL(5,4) NOT NULL COMMENT 'fraction off for type 2, e.g. 0.2500 means 25 percent off, 0 otherwise',
  threshold_amount DECIMAL(10,2) NOT NULL COMMENT 'minimum order amount before discount to use the coupon, dollars, 0 for none',
  activity_id BIGINT UNSIGNED NULL COMMENT 'campaign issuing the coupon, luckyus_sales_marketing.t_market_activity.activity_id',
  valid_days INT NOT NULL COMMENT 'days a received coupon stays valid, expire_time = receive_time + valid_days',
  total_quantity INT NOT NULL COMMENT 'maximum coupons issuable, 0 for unlimited',
  marketing_cost DECIMAL(12,2) NOT NULL COMMENT 'budgeted marketing cost of the template, dollars',
  start_time DATETIME NOT NULL COMMENT 'issuing window start UTC',
  end_time DATETIME NOT NULL COMMENT 'issuing window end UTC',
  status TINYINT NOT NULL COMMENT 'template status: 1 active, 2 paused, 3 ended',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_template_id (template_id),
  KEY idx_activity_id (activity_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='coupon templates (campaign coupon definitions)';

CREATE TABLE t_coupon_record (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  coupon_no VARCHAR(32) NOT NULL COMMENT 'coupon number, unique across t_coupon_record and t_coupon_record_expired',
  template_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_sales_marketing.t_coupon_template.template_id',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  status TINYINT NOT NULL COMMENT 'coupon status: 1 unused, 2 used, 3 expired, 4 revoked',
  receive_time DATETIME NOT NULL COMMENT 'time the user received the coupon UTC',
  expire_time DATETIME NOT NULL COMMENT 'end of validity UTC',
  use_time DATETIME NULL COMMENT 'redemption time UTC, NULL unless status 2',
  order_no VARCHAR(32) NULL COMMENT 'luckyus_sales_order.t_order.order_no of the redeeming order, NULL unless status 2',
  deduct_amount DECIMAL(10,2) NOT NULL COMMENT 'discount granted on the order, dollars, 0 unless status 2',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_coupon_no (coupon_no),
  KEY idx_user_status (user_no, status),
  KEY idx_template_id (template_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='live coupons: unused and recently used or revoked, expired coupons move to t_coupon_record_expired';

CREATE TABLE t_coupon_record_expired (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  coupon_no VARCHAR(32) NOT NULL COMMENT 'coupon number, unique across t_coupon_record and t_coupon_record_expired',
  template_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_sales_marketing.t_coupon_template.template_id',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  status TINYINT NOT NULL COMMENT 'coupon status, same codes as t_coupon_record: 1 unused, 2 used, 3 expired, 4 revoked, always 3 here',
  receive_time DATETIME NOT NULL COMMENT 'time the user received the coupon UTC',
  expire_time DATETIME NOT NULL COMMENT 'end of validity UTC, in the past',
  use_time DATETIME NULL COMMENT 'always NULL here',
  order_no VARCHAR(32) NULL COMMENT 'always NULL here',
  deduct_amount DECIMAL(10,2) NOT NULL COMMENT 'always 0 here, dollars',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC, same as receive_time',
  update_time DATETIME NOT NULL COMMENT 'time the coupon was archived UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_coupon_no (coupon_no) COMMENT 'oltp: customer service looks up an archived coupon',
  KEY idx_user_no (user_no) COMMENT 'oltp: the app lists the expired coupons of a user',
  KEY idx_template_id (template_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='archive of coupons that expired unused, same structure as t_coupon_record';

CREATE TABLE t_user_group_label (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  label_id INT NOT NULL COMMENT 'label id, same ids as luckyus_isales_cdp.t_realtime_user_group_log.group_id',
  label_name VARCHAR(64) NOT NULL COMMENT 'label name, e.g. iced_lover, lapsed_14d, weekday_commuter',
  label_value VARCHAR(64) NULL COMMENT 'optional label value, e.g. a score or tier',
  source TINYINT NOT NULL COMMENT 'label source: 1 CDP realtime sync, 2 daily batch rule, 3 manual import',
  expire_time DATETIME NULL COMMENT 'label expiry UTC, NULL for permanent',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC, time the label was attached',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_user_label (user_no, label_id),
  KEY idx_label_id (label_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='user tags for campaign targeting, one row per user and label';

CREATE TABLE t_market_activity_partake (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  activity_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_sales_marketing.t_market_activity.activity_id',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  shop_id BIGINT UNSIGNED NULL COMMENT 'store where the user took part, luckyus_opshop.t_shop_info.id, NULL if online only',
  partake_time DATETIME NOT NULL COMMENT 'participation time UTC',
  reward_type TINYINT NOT NULL COMMENT 'reward: 0 none, 1 coupon, 2 loyalty points, 3 free drink',
  reward_ref VARCHAR(32) NULL COMMENT 'reward reference, coupon_no for reward_type 1',
  reward_amount DECIMAL(10,2) NOT NULL COMMENT 'face value of the reward, dollars, 0 if none',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_activity_id (activity_id),
  KEY idx_user_no (user_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='campaign participation, one row per user participation';
