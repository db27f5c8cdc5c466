#include "simulate/sales/income_bills.h"

#include <algorithm>
#include <vector>

namespace luckyhub::sim {

IncomeBook::IncomeBook(SimContext& ctx, const std::vector<Date>& days)
    : ctx_(ctx), sink_(ctx.out.sink("luckyus_ifiaccounting", "t_acc_income_bill")) {
  Rng rng = ctx.rng("sales/income-bills/anomalies");
  // Days with a dropped or doubled bill, none in the first week.
  std::vector<Date> pool(days.begin() + std::min<size_t>(7, days.size()), days.end());
  for (size_t i = pool.size(); i > 1; --i) std::swap(pool[i - 1], pool[rng.range(0, i - 1)]);
  const size_t n_missing = std::min<size_t>(pool.size(), std::max<int64_t>(1, ctx.scaled(30)));
  const size_t n_dup = std::min<size_t>(pool.size(), std::max<int64_t>(1, ctx.scaled(28)));
  for (size_t i = 0; i < n_missing; ++i) missing_days_.insert(pool[i]);
  for (size_t i = 0; i < n_dup; ++i) duplicate_days_.insert(pool[pool.size() - 1 - i]);
  last_day_ = days.empty() ? Date{} : days.back();
}

void IncomeBook::add(int64_t shop_id, int hour, int channel_id, int bill_type, int source, const std::string& tenant,
                     const std::string& currency, int64_t amount_cents, int64_t tax_cents) {
  Sum& s = day_[Key{shop_id, hour, channel_id, bill_type, tenant, currency}].source[source == 2 ? 2 : 1];
  s.count += 1;
  s.amount += amount_cents;
  s.tax += tax_cents;
}

std::string IncomeBook::bill_no_of(int64_t shop_id, int hour, int channel_id, int bill_type, int source,
                                   const std::string& tenant, const std::string& currency) const {
  auto it = written_.find({Key{shop_id, hour, channel_id, bill_type, tenant, currency}, source == 2 ? 2 : 1});
  return it == written_.end() ? "" : it->second;
}

void IncomeBook::flush(Date day) {
  const int c_id = sink_.col("id"), c_tenant = sink_.col("tenant"), c_bill_no = sink_.col("bill_no"),
                   c_shop = sink_.col("shop_id"), c_date = sink_.col("biz_date"), c_hour = sink_.col("biz_hour"),
                   c_type = sink_.col("bill_type"), c_channel = sink_.col("channel_id"),
                   c_cnt = sink_.col("trade_cnt"), c_amount = sink_.col("amount"), c_tax = sink_.col("tax_amount"),
                   c_cur = sink_.col("currency_code"), c_source = sink_.col("sales_source"), c_ref = sink_.col("source_ref"), c_status = sink_.col("status"),
                   c_post = sink_.col("post_time"), c_create = sink_.col("create_time"),
                   c_update = sink_.col("update_time");
  written_.clear();
  Rng rng = ctx_.rng("sales/income-bills/" + day.str());
  // Candidate groups for the planted breaks: LKUS/USD sales groups.
  std::vector<Key> usd;
  for (const auto& [key, group] : day_) {
    if (std::get<3>(key) == 1 && std::get<4>(key) == "LKUS" && std::get<5>(key) == "USD") usd.push_back(key);
  }
  Key missing{-1, 0, 0, 0, "", ""}, duplicate{-1, 0, 0, 0, "", ""};
  if (missing_days_.count(day) && !usd.empty()) missing = usd[rng.range(0, usd.size() - 1)];
  if (duplicate_days_.count(day) && usd.size() > 1) {
    do duplicate = usd[rng.range(0, usd.size() - 1)];
    while (duplicate == missing);
  }
  const Timestamp created = new_york_to_utc(day + 1, 2, 0, 0);
  const bool posted = day < last_day_;
  const Timestamp post = new_york_to_utc(day + 1, 6, 0, 0);
  char date_digits[16];
  std::snprintf(date_digits, sizeof date_digits, "%04d%02d%02d", day.year(), day.month(), day.day_of_month());
  for (const auto& [key, group] : day_) {
    const auto& [shop, hour, channel, type, tenant, currency] = key;
    Sum total;
    for (const Sum& s : group.source) total.count += s.count, total.amount += s.amount, total.tax += s.tax;
    nlohmann::json item = {{"day", day.str()}, {"shop_id", shop}, {"biz_hour", hour}, {"channel_id", channel},
                           {"bill_type", type}, {"trade_cnt", total.count}, {"amount_cents", total.amount},
                           {"tax_cents", total.tax}};
    if (key == missing) {
      ctx_.truth.add_item("recon_missing_income_bill", item);
      continue;
    }
    bool doubled = false;
    for (int source = 1; source <= 2; ++source) {
      const Sum& sum = group.source[source];
      if (sum.count == 0) continue;
      const int copies = key == duplicate && !doubled ? 2 : 1;
      doubled = doubled || copies == 2;
      nlohmann::json bill_nos = nlohmann::json::array();
      for (int k = 0; k < copies; ++k) {
        const int64_t id = next_id_++;
        char bill_no[40];
        std::snprintf(bill_no, sizeof bill_no, "IB%s%08lld", date_digits, static_cast<long long>(id));
        char ref[64];
        std::snprintf(ref, sizeof ref, "%lld-%s-%02d-%d-%d", static_cast<long long>(shop), day.str().c_str(), hour,
                      channel, source);
        sink_.set_int(c_id, id);
        sink_.set_text(c_tenant, tenant);
        sink_.set_text(c_bill_no, bill_no);
        sink_.set_int(c_shop, shop);
        sink_.set_text(c_date, day.str());
        sink_.set_int(c_hour, hour);
        sink_.set_int(c_type, type);
        sink_.set_int(c_channel, channel);
        sink_.set_int(c_cnt, sum.count);
        sink_.set_int(c_amount, sum.amount);
        sink_.set_int(c_tax, sum.tax);
        sink_.set_text(c_cur, currency);
        sink_.set_int(c_source, source);
        sink_.set_text(c_ref, ref);
        sink_.set_int(c_status, posted ? 20 : 10);
        if (posted) sink_.set_text(c_post, post.str());
        else sink_.set_null(c_post);
        sink_.set_text(c_create, created.str());
        sink_.set_text(c_update, (posted ? post : created).str());
        sink_.end_row();
        bill_nos.push_back(bill_no);
        if (k == 0) written_[{key, source}] = bill_no;
        if (k == 1) ctx_.truth.add_id("recon_duplicate_income_bill", id);
      }
      if (copies == 2) {
        nlohmann::json dup = item;
        dup.update({{"sales_source", source}, {"trade_cnt", sum.count}, {"amount_cents", sum.amount},
                    {"tax_cents", sum.tax}, {"bill_nos", bill_nos}});
        ctx_.truth.add_item("recon_duplicate_income_bill", dup);
      }
    }
  }
  day_.clear();
}

}  // namespace luckyhub::sim
