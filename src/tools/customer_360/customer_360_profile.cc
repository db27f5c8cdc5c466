// One customer's profile card: CRM registration, orders and lifetime value,
// favourite store, top three products, active coupons, the CDP's current
// segments and their history, labels, A/B exposures, and the models' scores.
// Found by user_no, or by the phone's last four digits (a list to pick from).
// The phone appears only masked.
#include <cmath>
#include <map>

#include "report/cells.h"
#include "tools/customer_360/customer_360.h"
#include "warehouse/schema.h"

namespace luckyhub::customer_360 {
namespace {

std::string utc_midnight(Date d) { return new_york_to_utc(d, 0, 0, 0).str(); }

// A CRM code's meaning, from the schema's comment ("2 iOS app").
std::string crm_label(const char* table, const char* column, int64_t code) {
  const std::map<int64_t, std::string> meanings =
      code_meanings(SchemaCatalog::builtin().table("luckyus_sales_crm", table).column(column));
  const auto it = meanings.find(code);
  return it == meanings.end() ? "code " + std::to_string(code) : it->second;
}

std::string origin_label(int64_t code) { return crm_label("t_user", "origin", code); }

// t_user_history's account events, latest first: what happened, through
// which client, and the change of a member level or status. A phone change
// (action 4) never shows its values.
Panel account_history(const ResultSet& rows) {
  Panel p{.id = "account_history", .title = "Account history (CRM, latest 20)", .kind = PanelKind::kTable};
  p.table.columns = {{"day", "Day", ValueType::kDate},
                     {"action", "Event", ValueType::kText},
                     {"channel", "Through", ValueType::kText},
                     {"change", "Change", ValueType::kText}};
  for (const Row row : rows) {
    const int64_t action = row.integer("action_type");
    std::string change;
    if (action != 4 && !row.is_null("after_value"))
      change = (row.is_null("before_value") ? std::string() : row.text("before_value") + " → ") + row.text("after_value");
    p.table.rows.push_back({row.text("day"), crm_label("t_user_history", "action_type", action),
                            crm_label("t_user_history", "channel", row.integer("channel")), change});
  }
  return p;
}

Panel phone_matches_panel(Warehouse& wh, const Scope& scope) {
  const auto matches = phone_matches(wh, scope);
  if (matches.empty()) {
    return {.id = "matches", .title = "No customer found", .kind = PanelKind::kText,
            .text = "No customer found: no registered LKUS customer's phone ends in " + masked_phone(scope.phone_tail) +
                    "."};
  }
  Panel p{.id = "matches", .title = "Customers with phone " + masked_phone(scope.phone_tail), .kind = PanelKind::kTable};
  p.description = "Registered LKUS customers whose phone ends in these four digits (at most 100).";
  p.table.columns = {{"user_no", "Customer", ValueType::kText, "", "", "/tools/customer-360?user={user_no}"},
                     {"phone", "Phone", ValueType::kText},
                     {"registered", "Registered", ValueType::kDate}};
  for (const auto& [user_no, registered] : matches)
    p.table.rows.push_back({user_no, masked_phone(scope.phone_tail), registered});
  return p;
}

Panel list_panel(std::string id, std::string title, std::vector<Column> columns, const ResultSet& rows) {
  Panel p{.id = std::move(id), .title = std::move(title), .kind = PanelKind::kTable};
  p.table.columns = std::move(columns);
  for (const Row row : rows) {
    std::vector<Cell> cells;
    for (const Column& c : p.table.columns) {
      if (row.is_null(c.id)) cells.push_back(std::monostate{});
      else if (c.type == ValueType::kInt) cells.push_back(row.integer(c.id));
      else cells.push_back(row.text(c.id));
    }
    p.table.rows.push_back(std::move(cells));
  }
  return p;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> phone_matches(Warehouse& wh, const Scope& scope) {
  // Through the digits' index when materialised; inline, t_user's rows with those digits.
  Query phones = derived_from(wh, kPhone, phone_tail_of(scope.phone_tail));
  phones.sql = "SELECT d.user_no AS user_no, " + wh.dialect().date_text("d.registered") + " AS registered FROM " +
               phones.sql + " d WHERE d.phone_tail = ? AND d.registered < ? ORDER BY user_no LIMIT 100";
  phones.params.push_back(scope.phone_tail);
  phones.params.push_back(scope.as_of.str());
  std::vector<std::pair<std::string, std::string>> out;
  for (const Row row : wh.query(phones.sql, phones.params)) out.emplace_back(row.text("user_no"), row.text("registered"));
  return out;
}

std::vector<Panel> profile_panels(Warehouse& wh, const Scored* s, const Scope& scope) {
  if (!scope.phone_tail.empty() && scope.user.empty()) return {phone_matches_panel(wh, scope)};
  const Dialect& d = wh.dialect();
  const std::string end = utc_midnight(scope.as_of);
  // The materialised row (kept by sync), or its SELECT for this customer alone.
  Query profile = derived_from(wh, kProfile, profile_of(scope.user));
  profile.sql = "SELECT user_no, origin, phone_tail, orders, cents, favourite_store, product_1, product_2, product_3, "
                "lifecycle, frequency_segment, value_segment, coupon_segment, " + d.date_text("registered") +
                " AS registered FROM " + profile.sql + " d WHERE d.user_no = ?";
  profile.params.push_back(scope.user);
  const std::vector<ResultSet> r = wh.query_all({
      profile,
      {"SELECT COUNT(*) AS coupons FROM sales_marketing__t_coupon_record WHERE user_no = ? AND status = 1 AND "
       "receive_time < ? AND expire_time >= ?",
       {scope.user, end, end}},
      {"SELECT " + d.ny_date("log_time") + " AS day, group_name, action, trigger_event FROM "
       "isales_cdp__t_realtime_user_group_log WHERE user_no = ? AND log_time < ? ORDER BY log_time DESC, id DESC LIMIT 20",
       {scope.user, end}},
      {"SELECT experiment_id, group_id, " + d.ny_date("MIN(hit_time)") +
           " AS first_seen, COUNT(*) AS exposures FROM isalesdatamarketing__t_user_hit_experiment_record WHERE "
           "user_no = ? AND hit_time < ? GROUP BY experiment_id, group_id ORDER BY first_seen, experiment_id, group_id",
       {scope.user, end}},
      {"SELECT label_name FROM sales_marketing__t_user_group_label WHERE user_no = ? ORDER BY label_name",
       {scope.user}},
      {"SELECT age_range, city, state, language, push_opt_in, email_opt_in FROM sales_crm__t_user_profile WHERE "
       "user_no = ?",
       {scope.user}},
      {"SELECT " + d.ny_date("action_time") + " AS day, action_type, channel, before_value, after_value FROM "
       "sales_crm__t_user_history WHERE user_no = ? AND action_time < ? ORDER BY action_time DESC, id DESC LIMIT 20",
       {scope.user, end}},
  });
  Panel card{.id = "profile", .title = "Customer " + scope.user, .kind = PanelKind::kKpis};
  if (r[0].size() == 0) {
    card.kind = PanelKind::kText;
    card.title = "No customer found";
    card.text = "No customer found: no LKUS customer has user_no " + scope.user + ".";
    return {card};
  }
  const Row u = r[0].row(0);
  const auto joined = [&u](std::initializer_list<const char*> columns) {
    std::string out;
    for (const char* c : columns)
      if (!u.is_null(c)) out += (out.empty() ? "" : ", ") + u.text(c);
    return out;
  };
  std::string labels;
  for (const Row row : r[4]) labels += (labels.empty() ? "" : ", ") + row.text("label_name");
  card.kpis = {
      {"registered", "Registered", u.is_null("registered") ? Cell() : Cell(u.text("registered")), ValueType::kDate},
      {"origin", "Registered through", u.is_null("origin") ? std::string() : origin_label(u.integer("origin")),
       ValueType::kText},
      {"phone", "Phone", u.is_null("phone_tail") ? std::string() : masked_phone(u.text("phone_tail")), ValueType::kText},
      {"orders", "Paid orders", u.integer("orders"), ValueType::kInt},
      {"lifetime_value", "Lifetime revenue", u.integer("cents"), ValueType::kMoney, "USD"},
      {"favourite_store", "Favourite store", u.is_null("favourite_store") ? Cell() : Cell(u.integer("favourite_store")),
       ValueType::kInt},
      {"top_products", "Top 3 products", joined({"product_1", "product_2", "product_3"}), ValueType::kText},
      {"active_coupons", "Active coupons", r[1].row(0).integer("coupons"), ValueType::kInt},
      {"cdp_segments", "CDP segments now", joined({"lifecycle", "frequency_segment", "value_segment", "coupon_segment"}),
       ValueType::kText},
  };
  if (r[5].size() > 0) {  // t_user_profile: what the customer told the app (no name, birth year or postal code)
    const Row crm = r[5].row(0);
    std::string home = crm.is_null("city") ? "" : crm.text("city");
    if (!crm.is_null("state")) home += (home.empty() ? "" : ", ") + crm.text("state");
    std::string opt_in = crm.integer("push_opt_in") == 1 ? "push" : "";
    if (crm.integer("email_opt_in") == 1) opt_in += opt_in.empty() ? "email" : ", email";
    card.kpis.push_back({"age_range", "Age range", crm_label("t_user_profile", "age_range", crm.integer("age_range")),
                         ValueType::kText});
    card.kpis.push_back({"home", "Home", home, ValueType::kText});
    card.kpis.push_back({"language", "App language", crm.text("language"), ValueType::kText});
    card.kpis.push_back({"opt_in", "Marketing allowed", opt_in.empty() ? std::string("none") : opt_in, ValueType::kText});
  }
  if (s) {
    card.kpis.push_back({"p_alive", "P(alive)", rate_cell(s->p_alive), ValueType::kRate});
    card.kpis.push_back({"expected_30", "Expected purchases, 30 days", number_cell(s->expected_30), ValueType::kNumber});
    card.kpis.push_back({"expected_90", "Expected purchases, 90 days", number_cell(s->expected_90), ValueType::kNumber});
    card.kpis.push_back({"value_12m", "Expected value, 12 months", std::llround(s->value_12m * 100), ValueType::kMoney, "USD"});
    card.kpis.push_back({"rfm", "RFM", s->rfm.code + " " + s->rfm.segment, ValueType::kText});
    card.kpis.push_back({"declining", "Frequency declining", std::string(s->declining ? "yes" : "no"), ValueType::kText,
                         "", "", s->declining ? Status::kYellow : Status::kNone});
  }
  Panel label_panel{.id = "labels", .title = "Labels", .kind = PanelKind::kText};
  label_panel.text = labels.empty() ? "No labels." : labels;
  return {card, label_panel,
          list_panel("segment_history", "CDP segment changes (latest 20)",
                     {{"day", "Day", ValueType::kDate}, {"group_name", "Audience group", ValueType::kText},
                      {"action", "1 in, 2 out", ValueType::kInt}, {"trigger_event", "Trigger", ValueType::kText}},
                     r[2]),
          list_panel("experiments", "A/B exposures",
                     {{"experiment_id", "Experiment", ValueType::kInt}, {"group_id", "Group", ValueType::kInt},
                      {"first_seen", "First exposed", ValueType::kDate}, {"exposures", "Exposures", ValueType::kInt}},
                     r[3]),
          account_history(r[6])};
}

}  // namespace luckyhub::customer_360
