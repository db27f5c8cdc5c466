CREATE DATABASE IF NOT EXISTS luckyus_ireplenishment DEFAULT CHARACTER SET utf8mb4;
USE luckyus_ireplenishment;

CREATE TABLE wh_goods_daily_demand_pred (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  warehouse_id INT NOT NULL COMMENT 'supplying distribution center id, same codes as luckyus_scm_purchase.t_purchase_order.warehouse_id',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_mdm_goods.id',
  pred_date DATE NOT NULL COMMENT 'business date predicted, America/New_York',
  predict_qty DECIMAL(14,3) NOT NULL COMMENT 'predicted consumption on pred_date, in t_mdm_goods.unit',
  model_version VARCHAR(32) NOT NULL COMMENT 'model version, e.g. lgbm_v3.2',
  create_time DATETIME NOT NULL COMMENT 'time the prediction was made UTC, lead time days = pred_date - local date of create_time',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_shop_goods_date (shop_id, goods_id, pred_date),
  KEY idx_pred_date (pred_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='daily goods demand forecast per shop, one row per shop, goods, predicted date and forecast run';

CREATE TABLE t_order_predict_alg_v2 (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  pred_date DATE NOT NULL COMMENT 'business date predicted, America/New_York',
  pred_hour TINYINT NOT NULL COMMENT 'local hour of day predicted, 0 to 23, America/New_York',
  lead_days TINYINT NOT NULL COMMENT 'forecast version: days from the run to pred_date, 14, 7, 1 or 0 (same morning)',
  predict_order_cnt INT NOT NULL COMMENT 'predicted number of orders in the hour',
  predict_cup_cnt INT NOT NULL COMMENT 'predicted number of cups in the hour',
  alg_version VARCHAR(32) NOT NULL COMMENT 'algorithm version, e.g. v2.4.1',
  create_time DATETIME NOT NULL COMMENT 'time the prediction was made UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_shop_date_hour_lead (shop_id, pred_date, pred_hour, lead_days),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='hourly order count forecast per shop, one version per shop, date, hour and lead time';
