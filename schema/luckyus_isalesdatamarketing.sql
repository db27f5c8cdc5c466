CREATE DATABASE IF NOT EXISTS luckyus_isalesdatamarketing DEFAULT CHARACTER SET utf8mb4;
USE luckyus_isalesdatamarketing;

CREATE TABLE t_experiment (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  experiment_id BIGINT UNSIGNED NOT NULL COMMENT 'business experiment id',
  experiment_name VARCHAR(128) NOT NULL COMMENT 'experiment name, e.g. home_banner_layout_v3',
  scene VARCHAR(32) NOT NULL COMMENT 'app surface tested: home_page, menu_page, checkout, coupon_push, recommendation',
  group_id INT NOT NULL COMMENT 'experiment group id, unique within the experiment',
  group_name VARCHAR(64) NOT NULL COMMENT 'group name, e.g. control, variant_a, variant_b',
  is_control TINYINT NOT NULL COMMENT 'control group: 1 yes, 0 no',
  traffic_ratio DECIMAL(5,4) NOT NULL COMMENT 'share of experiment traffic assigned to this group, groups of an experiment sum to 1',
  start_time DATETIME NOT NULL COMMENT 'experiment start UTC',
  end_time DATETIME NULL COMMENT 'experiment end UTC, NULL while running',
  status TINYINT NOT NULL COMMENT 'experiment status: 1 draft, 2 running, 3 stopped, 4 rolled out',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_experiment_group (experiment_id, group_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='A/B experiments, one row per experiment group';

CREATE TABLE t_user_hit_experiment_record (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  experiment_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_isalesdatamarketing.t_experiment.experiment_id',
  group_id INT NOT NULL COMMENT 'assigned group, luckyus_isalesdatamarketing.t_experiment.group_id',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  channel TINYINT NOT NULL COMMENT 'client used, channel codes same as luckyus_sales_order.t_order.channel: 1 Android app, 2 iOS app, 3 delivery platform, 8 web ordering, 9 in-store kiosk, 10 partner or corporate ordering',
  hit_time DATETIME NOT NULL COMMENT 'exposure time UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_experiment_group (experiment_id, group_id),
  KEY idx_user_no (user_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='experiment exposures, one row per user exposure to an experiment';
