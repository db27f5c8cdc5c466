CREATE DATABASE IF NOT EXISTS luckyus_sales_payment DEFAULT CHARACTER SET utf8mb4;
USE luckyus_sales_payment;

CREATE TABLE t_trade (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  trade_no VARCHAR(32) NOT NULL COMMENT 'payment transaction number, unique',
  order_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_order.t_order.order_no',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  shop_id BIGINT UNSIGNED NOT NULL COMMENT 'luckyus_opshop.t_shop_info.id',
  channel_id INT NOT NULL COMMENT 'payment channel via Stripe: 1 other card, 3 debit card, 5 prepaid card, 6 credit card, 51 Google Pay, 52 Stripe Link, 53 Apple Pay, 54 Cash App Pay, 55 PayPal, 91 Luckin stored balance, 92 gift card',
  trade_type TINYINT NOT NULL COMMENT 'trade type: 1 payment, 2 refund',
  trade_status TINYINT NOT NULL COMMENT 'trade status: 10 pending, 20 success, 30 failed, 40 closed',
  amount BIGINT NOT NULL COMMENT 'amount in cents, always positive, for payments equals t_order.pay_money x 100',
  currency_code CHAR(3) NOT NULL COMMENT 'ISO 4217 currency: USD or NZD',
  out_trade_no VARCHAR(64) NULL COMMENT 'Stripe payment intent or refund id',
  origin_trade_no VARCHAR(32) NULL COMMENT 'for refunds the trade_no of the refunded payment, NULL for payments',
  pay_time DATETIME NULL COMMENT 'time the trade succeeded UTC, NULL unless trade_status 20',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_trade_no (trade_no),
  KEY idx_order_no (order_no),
  KEY idx_user_no (user_no),
  KEY idx_channel_pay_time (channel_id, pay_time),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='payment and refund transactions, amounts in cents';

CREATE TABLE t_channel_fee (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  trade_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_payment.t_trade.trade_no',
  order_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_order.t_order.order_no',
  channel_id INT NOT NULL COMMENT 'payment channel, same codes as t_trade.channel_id',
  currency_code CHAR(3) NOT NULL COMMENT 'ISO 4217 currency: USD or NZD',
  amount BIGINT NOT NULL COMMENT 'trade amount in cents, equals t_trade.amount',
  transaction_fee BIGINT NOT NULL COMMENT 'Stripe per-transaction processing fee in cents',
  merchant_service_fee BIGINT NOT NULL COMMENT 'card network and merchant service fee in cents',
  total_fee BIGINT NOT NULL COMMENT 'total fee in cents, transaction_fee + merchant_service_fee',
  fee_date DATE NOT NULL COMMENT 'business date the fee was charged, America/New_York',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  UNIQUE KEY uk_trade_no (trade_no),
  KEY idx_channel_fee_date (channel_id, fee_date),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='payment processing fees, one row per successful payment trade, amounts in cents';

CREATE TABLE t_user_channel (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'primary key',
  tenant VARCHAR(16) NOT NULL COMMENT 'tenant code: LKUS US production, LKNZ NZ test data',
  user_no VARCHAR(32) NOT NULL COMMENT 'luckyus_sales_crm.t_user.user_no',
  channel_id INT NOT NULL COMMENT 'payment channel, same codes as t_trade.channel_id',
  card_brand VARCHAR(16) NULL COMMENT 'card brand for card channels: visa, mastercard, amex, discover, NULL otherwise',
  card_last4 CHAR(4) NULL COMMENT 'last 4 digits of the card, NULL for wallets',
  is_default TINYINT NOT NULL COMMENT 'default payment method: 1 yes, 0 no',
  status TINYINT NOT NULL COMMENT 'binding status: 1 bound, 2 unbound',
  bind_time DATETIME NOT NULL COMMENT 'time the method was bound UTC',
  unbind_time DATETIME NULL COMMENT 'time the method was unbound UTC',
  create_time DATETIME NOT NULL COMMENT 'creation time UTC',
  update_time DATETIME NOT NULL COMMENT 'last modification time UTC',
  PRIMARY KEY (id),
  KEY idx_user_no (user_no),
  KEY idx_update_time (update_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='payment methods bound by users';
