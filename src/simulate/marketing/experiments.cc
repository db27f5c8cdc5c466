// luckyus_isalesdatamarketing: the A/B experiments (t_experiment, one row per
// group) and their exposures (t_user_hit_experiment_record).
//
// The metric is conversion: a paid order within 7 days after the user's first
// exposure. Orders are the sales family's, so effects are planted through
// assignment: within the converted and the unconverted users, groups receive
// exact shares chosen so that each treatment group's conversion rate is
// control's times (1 + lift). Experiments without effect get the same rate
// in every group (to one user). The manifest records every experiment's
// counts and rates as `experiment_effect` or `experiment_no_effect` items;
// an experiment that loses part of a group's users (Experiment::lost_share)
// is recorded as `experiment_srm` instead.
#include <algorithm>
#include <cmath>

#include "simulate/marketing/marketing_run.h"
#include "simulate/marketing/text_format.h"

namespace luckyhub::sim {
namespace {

constexpr double kHits = 6400000;
constexpr int64_t kDay = 86400, kConversionWindow = 7 * kDay;

struct Exposure {
  int32_t customer;
  uint32_t first;
  bool converted;
  uint8_t group;  // index into Experiment::groups
};

bool ordered_within(std::span<const PaidOrder> orders, int64_t from, int64_t to) {
  const auto it = std::upper_bound(orders.begin(), orders.end(), from,
                                   [](int64_t t, const PaidOrder& o) { return t < int64_t{o.time}; });
  return it != orders.end() && int64_t{it->time} <= to;
}

// Who saw the experiment, when first, and whether they converted.
std::vector<Exposure> exposures(const MarketingRun& run, const Experiment& e, int64_t start, int64_t last_first) {
  std::vector<Exposure> out;
  Rng rng = run.ctx.rng("marketing/experiment/" + e.name);
  for (size_t c = 0; c < run.customers.size(); ++c) {
    const int64_t from = std::max(start, run.registered[c]);
    if (from >= last_first || run.tenant(static_cast<int>(c)) != "LKUS") continue;
    const auto orders = run.ledger.orders_of(static_cast<int>(c));
    const bool app_user = ordered_within(orders, start - 14 * kDay, last_first);
    if (!rng.chance(app_user ? e.reach : e.reach * 0.25)) continue;
    const int64_t first = from + static_cast<int64_t>(rng.uniform() * static_cast<double>(last_first - from));
    out.push_back({static_cast<int32_t>(c), static_cast<uint32_t>(first),
                   ordered_within(orders, first, first + kConversionWindow), 0});
  }
  return out;
}

// Assigns groups so that converters and non-converters split in the shares
// that give each group its planted conversion rate.
void assign(const Experiment& e, std::vector<Exposure>& users) {
  const size_t g = e.groups.size();
  double converted = 0;
  for (const Exposure& x : users) converted += x.converted;
  const double p = users.empty() ? 0 : converted / static_cast<double>(users.size());
  double norm = 0;
  for (const ExperimentGroup& gr : e.groups) norm += gr.traffic * (1 + gr.lift);
  std::vector<double> share_conv(g), share_not(g);
  for (size_t i = 0; i < g; ++i) {
    const double rate = std::min(1.0, p / norm * (1 + e.groups[i].lift));
    share_conv[i] = p > 0 ? e.groups[i].traffic * rate / p : e.groups[i].traffic;
    share_not[i] = p < 1 ? e.groups[i].traffic * (1 - rate) / (1 - p) : e.groups[i].traffic;
  }
  std::vector<double> count_conv(g, 0), count_not(g, 0);
  double n_conv = 0, n_not = 0;
  for (Exposure& x : users) {
    std::vector<double>& count = x.converted ? count_conv : count_not;
    const std::vector<double>& share = x.converted ? share_conv : share_not;
    double& n = x.converted ? n_conv : n_not;
    size_t best = 0;
    for (size_t i = 1; i < g; ++i) {
      if (share[i] * (n + 1) - count[i] > share[best] * (n + 1) - count[best]) best = i;
    }
    ++count[best];
    ++n;
    x.group = static_cast<uint8_t>(best);
  }
}

// The planted sample ratio mismatch: the last group loses one user in every
// 1 / lost_share of each stratum (converted, not converted).
void lose_exposures(const Experiment& e, std::vector<Exposure>& users) {
  if (e.lost_share <= 0 || e.groups.size() < 2) return;
  const uint8_t last = static_cast<uint8_t>(e.groups.size() - 1);
  const int64_t every = std::max<int64_t>(2, std::llround(1 / e.lost_share));
  int64_t seen[2] = {0, 0};
  std::erase_if(users, [&](const Exposure& x) { return x.group == last && ++seen[x.converted] % every == 0; });
}

void record_truth(MarketingRun& run, const Experiment& e, const std::vector<Exposure>& users,
                  int64_t first_row_id) {
  const size_t g = e.groups.size();
  std::vector<int64_t> n(g, 0), conv(g, 0);
  for (const Exposure& x : users) {
    ++n[x.group];
    conv[x.group] += x.converted;
  }
  if (e.lost_share > 0) {
    nlohmann::json groups = nlohmann::json::array();
    for (size_t i = 0; i < g; ++i) {
      groups.push_back({{"group_id", e.groups[i].group_id}, {"traffic", e.groups[i].traffic}, {"users", n[i]},
                        {"conversions", conv[i]}});
    }
    run.ctx.truth.add_id("experiment_srm", first_row_id + static_cast<int64_t>(g));
    run.ctx.truth.add_item("experiment_srm", {{"experiment_id", e.experiment_id},
                                              {"experiment_name", e.name},
                                              {"lost_share", e.lost_share},
                                              {"groups", groups}});
    return;
  }
  auto rate = [&](size_t i) { return n[i] ? static_cast<double>(conv[i]) / static_cast<double>(n[i]) : 0.0; };
  for (size_t i = 1; i < g; ++i) {
    const ExperimentGroup& gr = e.groups[i];
    const double pooled = n[0] + n[i] ? static_cast<double>(conv[0] + conv[i]) / static_cast<double>(n[0] + n[i]) : 0;
    const double se = std::sqrt(pooled * (1 - pooled) * (1.0 / std::max<int64_t>(1, n[0]) + 1.0 / std::max<int64_t>(1, n[i])));
    const double z = se > 0 ? (rate(i) - rate(0)) / se : 0;
    const std::string kind = gr.lift != 0 ? "experiment_effect" : "experiment_no_effect";
    run.ctx.truth.add_id(kind, first_row_id + static_cast<int64_t>(i) + 1);
    run.ctx.truth.add_item(kind, {{"experiment_id", e.experiment_id},
                                  {"experiment_name", e.name},
                                  {"control_group_id", e.groups[0].group_id},
                                  {"group_id", gr.group_id},
                                  {"planted_lift", gr.lift},
                                  {"control_users", n[0]},
                                  {"control_conversions", conv[0]},
                                  {"group_users", n[i]},
                                  {"group_conversions", conv[i]},
                                  {"control_rate", std::round(rate(0) * 1e4) / 1e4},
                                  {"group_rate", std::round(rate(i) * 1e4) / 1e4},
                                  {"z", std::round(z * 100) / 100}});
  }
}

}  // namespace

void write_experiments(MarketingRun& run) {
  const std::vector<Experiment>& experiments = run.ctx.world.marketing.experiments;
  Truth& truth = run.ctx.truth;
  const std::string metric =
      "conversion = a paid order (t_order paid) within 7 days after the user's first exposure "
      "(min hit_time) in the experiment; ";
  truth.describe("experiment_effect", "luckyus_isalesdatamarketing.t_experiment",
                 metric + "treatment groups with a planted non-zero lift of conversion against the "
                          "control group; ids are the treatment groups' t_experiment.id");
  truth.describe("experiment_no_effect", "luckyus_isalesdatamarketing.t_experiment",
                 metric + "treatment groups with no effect: the same conversion rate as control; "
                          "ids are the treatment groups' t_experiment.id");
  truth.describe("experiment_srm", "luckyus_isalesdatamarketing.t_experiment",
                 "experiments with a planted sample ratio mismatch: the last group lost lost_share of its users "
                 "(converted or not alike) against its planned traffic_ratio; no effect on conversion; ids are "
                 "that group's t_experiment.id; items give the users per group");
  std::vector<std::vector<Exposure>> all(experiments.size());
  std::vector<int64_t> window_end(experiments.size());
  int64_t exposed = 0;
  for (size_t i = 0; i < experiments.size(); ++i) {
    const Experiment& e = experiments[i];
    const int64_t start = new_york_to_utc(e.start, 10, 0, 0).seconds;
    window_end[i] = std::min(new_york_to_utc(e.end, 10, 0, 0).seconds, run.as_of);
    all[i] = exposures(run, e, start, std::min(window_end[i], run.as_of - kConversionWindow));
    assign(e, all[i]);
    lose_exposures(e, all[i]);
    exposed += static_cast<int64_t>(all[i].size());
  }
  const double extra_hits = exposed == 0 ? 0 : std::max(0.0, static_cast<double>(run.ctx.scaled(kHits)) / static_cast<double>(exposed) - 1);
  RowSink& ex = run.ctx.out.sink("luckyus_isalesdatamarketing", "t_experiment");
  RowSink& hit = run.ctx.out.sink("luckyus_isalesdatamarketing", "t_user_hit_experiment_record");
  const int e_id = ex.col("id"), e_tenant = ex.col("tenant"), e_eid = ex.col("experiment_id"),
            e_name = ex.col("experiment_name"), e_scene = ex.col("scene"), e_gid = ex.col("group_id"),
            e_gname = ex.col("group_name"), e_control = ex.col("is_control"),
            e_traffic = ex.col("traffic_ratio"), e_start = ex.col("start_time"), e_end = ex.col("end_time"),
            e_status = ex.col("status"), e_create = ex.col("create_time"), e_update = ex.col("update_time");
  const int h_id = hit.col("id"), h_tenant = hit.col("tenant"), h_eid = hit.col("experiment_id"),
            h_gid = hit.col("group_id"), h_user = hit.col("user_no"), h_channel = hit.col("channel"),
            h_time = hit.col("hit_time"), h_create = hit.col("create_time"), h_update = hit.col("update_time");
  Rng rng = run.ctx.rng("marketing/experiment-hits");
  UtcText utc;
  int64_t experiment_rows = 0, hit_rows = 0;
  for (size_t i = 0; i < experiments.size(); ++i) {
    const Experiment& e = experiments[i];
    const int64_t start = new_york_to_utc(e.start, 10, 0, 0).seconds;
    const int64_t end = new_york_to_utc(e.end, 10, 0, 0).seconds;
    record_truth(run, e, all[i], experiment_rows);
    for (const ExperimentGroup& g : e.groups) {
      ex.set_int(e_id, ++experiment_rows);
      ex.set_text(e_tenant, "LKUS");
      ex.set_int(e_eid, e.experiment_id);
      ex.set_text(e_name, e.name);
      ex.set_text(e_scene, e.scene);
      ex.set_int(e_gid, g.group_id);
      ex.set_text(e_gname, g.name);
      ex.set_int(e_control, g.control ? 1 : 0);
      ex.set_int(e_traffic, std::llround(g.traffic * 10000));
      ex.set_text(e_start, utc(start));
      if (e.status != 2) ex.set_text(e_end, utc(end));
      ex.set_int(e_status, e.status);
      ex.set_text(e_create, utc(start - 2 * kDay));
      ex.set_text(e_update, utc(e.status != 2 ? end : start));
      ex.end_row();
    }
    for (const Exposure& x : all[i]) {
      const size_t c = static_cast<size_t>(x.customer);
      const int origin = run.customers[c].origin_channel;
      const int channel = origin == 1 || origin == 2 ? origin : 2;
      const int64_t hits = 1 + rng.poisson(extra_hits);
      for (int64_t k = 0; k < hits; ++k) {
        const int64_t when = k == 0 ? x.first : x.first + static_cast<int64_t>(rng.uniform() * static_cast<double>(window_end[i] - x.first));
        hit.set_int(h_id, ++hit_rows);
        hit.set_text(h_tenant, "LKUS");
        hit.set_int(h_eid, e.experiment_id);
        hit.set_int(h_gid, e.groups[x.group].group_id);
        hit.set_text(h_user, run.user_no[c]);
        hit.set_int(h_channel, channel);
        const std::string_view t = utc(when);
        hit.set_text(h_time, t);
        hit.set_text(h_create, t);
        hit.set_text(h_update, t);
        hit.end_row();
      }
    }
  }
  truth.set_figure("experiments", static_cast<int64_t>(experiments.size()));
}

}  // namespace luckyhub::sim
