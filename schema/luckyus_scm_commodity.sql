CREATE DATABASE IF NOT EXISTS luckyus_scm_commodity DEFAULT CHARACTER SET utf8mb4;
USE luckyus_scm_commodity;

CREATE TABLE t_commodity_category (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  category_name VARCHAR(64) NOT NULL COMMENT 'category: Fresh Ground Coffee, Classic Drinks, Matcha, Cold Brew, Refreshers, Exfreezo, Super Drink, Food',
  sort_no INT NOT NULL COMMENT 'display order in the app menu',
  status TINYINT NOT NULL COMMENT 'status: 1 enabled, 0 disabled',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_tenant_name (tenant, category_name),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='menu product categories';

CREATE TABLE t_commodity_base_info (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key, the spu_id and commodity_id used by other databases',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  commodity_no VARCHAR(32) NOT NULL COMMENT 'product code, unique',
  commodity_name VARCHAR(128) NOT NULL COMMENT 'product name, e.g. Iced Coconut Latte',
  category_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_commodity_category.id',
  category VARCHAR(64) NOT NULL COMMENT 'category name, luckyus_scm_commodity.t_commodity_category.category_name',
  commodity_type TINYINT NOT NULL COMMENT 'product type: 1 drink, 2 food',
  default_price DECIMAL(10,2) NOT NULL COMMENT 'menu list price for the default size, dollars',
  default_temperature TINYINT NOT NULL COMMENT 'default temperature: 0 not applicable (food), 1 hot, 2 iced',
  sugar_level TINYINT NOT NULL COMMENT 'default sugar level: 0 no sugar, 1 low, 2 standard, 3 extra',
  calories INT NOT NULL COMMENT 'energy of the default size, kcal',
  nutrition_grade CHAR(1) NOT NULL COMMENT 'nutrition grade A best to D worst',
  caffeine_mg INT NOT NULL COMMENT 'caffeine of the default size, mg, 0 for caffeine free',
  status TINYINT NOT NULL COMMENT 'sale status: 1 on sale, 2 off sale, 3 retired',
  launch_date DATE NULL COMMENT 'menu launch date',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_commodity_no (commodity_no),
  KEY idx_category_id (category_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='menu products (SPU) and their attributes';

CREATE TABLE t_formula_spu (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  formula_no VARCHAR(32) NOT NULL COMMENT 'recipe code, one recipe per product, size, temperature and version',
  spu_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_scm_commodity.t_commodity_base_info.id',
  cup_size TINYINT NOT NULL COMMENT 'cup size: 0 not applicable (food), 1 small 12oz, 2 medium 16oz, 3 large 20oz',
  temperature TINYINT NOT NULL COMMENT 'temperature: 0 not applicable (food), 1 hot, 2 iced',
  step_no INT NOT NULL COMMENT 'step sequence within the recipe, starting at 1',
  goods_id BIGINT UNSIGNED NOT NULL COMMENT 'ingredient or packaging consumed, luckyus_scm_commodity.t_mdm_goods.id',
  dosage DECIMAL(10,3) NOT NULL COMMENT 'quantity consumed per cup, in unit',
  unit VARCHAR(16) NOT NULL COMMENT 'dosage unit, same as t_mdm_goods.unit, e.g. g, ml, pcs',
  version INT NOT NULL COMMENT 'recipe version, higher is newer',
  status TINYINT NOT NULL COMMENT 'status: 1 active, 0 obsolete',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_formula_no (formula_no),
  KEY idx_spu_id (spu_id),
  KEY idx_goods_id (goods_id),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='product recipes (bill of materials), one row per recipe step and ingredient';

CREATE TABLE t_mdm_goods (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key, the goods_id used by other databases',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  goods_no VARCHAR(32) NOT NULL COMMENT 'goods code, unique',
  goods_name VARCHAR(128) NOT NULL COMMENT 'goods name, e.g. Espresso Beans 1kg, Oat Milk 946ml',
  goods_type TINYINT NOT NULL COMMENT 'goods type: 1 raw material, 2 packaging, 3 consumable, 4 finished food, 5 equipment part',
  goods_category VARCHAR(64) NOT NULL COMMENT 'goods category, e.g. coffee beans, dairy, syrup, fruit, cups and lids, bakery, cleaning',
  spec VARCHAR(64) NULL COMMENT 'package specification, e.g. 1kg x 10 bags',
  unit VARCHAR(16) NOT NULL COMMENT 'stock and consumption unit, e.g. g, ml, pcs',
  purchase_unit VARCHAR(16) NOT NULL COMMENT 'purchasing unit, e.g. case, bag, bottle',
  unit_ratio DECIMAL(12,3) NOT NULL COMMENT 'stock units per purchase unit',
  storage_type TINYINT NOT NULL COMMENT 'storage: 1 ambient, 2 chilled, 3 frozen',
  shelf_life_days INT NOT NULL COMMENT 'shelf life in days, 0 if not perishable',
  status TINYINT NOT NULL COMMENT 'status: 1 active, 2 discontinued',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_goods_no (goods_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='goods master data: ingredients, packaging and supplies';
