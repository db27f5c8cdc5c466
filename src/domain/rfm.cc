#include "domain/rfm.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.h"

namespace luckyhub::rfm {
namespace {

// A literal, not a std::string: segment_names() is read by static initialisers in
// other files (customer_360's parameters), which may run before this file's.
constexpr char kOther[] = "Other";

// pymc-marketing's default segment table: RFM codes by segment.
const std::vector<std::pair<std::string, std::vector<std::string>>>& quartile_segments() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
      {"Premium Customer", {"334", "443", "444", "344", "434", "433", "343", "333"}},
      {"Repeat Customer", {"244", "234", "232", "332", "143", "233", "243"}},
      {"Top Spender",
       {"424", "414", "144", "314", "324", "124", "224", "423", "413", "133", "323", "313", "134"}},
      {"At Risk Customer", {"422", "223", "212", "122", "222", "132", "322", "312", "412", "123", "214"}},
      {"Inactive Customer", {"411", "111", "113", "114", "112", "211", "311"}},
  };
  return table;
}

std::string segment_of_quartiles(const std::string& code) {
  for (const auto& [name, codes] : quartile_segments())
    if (std::find(codes.begin(), codes.end(), code) != codes.end()) return name;
  return kOther;
}

// The table's descriptions as rules on quintile scores: premium all top two;
// repeat frequency and one other top two; top spender monetary and one other
// top two; inactive two or more in the bottom bin; at risk two or more in
// the bottom two.
std::string segment_of_quintiles(int r, int f, int m) {
  const auto top = [](int s) { return s >= 4; };
  const auto low = [](int s) { return s <= 2; };
  if (top(r) && top(f) && top(m)) return "Premium Customer";
  if (top(f) && (top(r) || top(m))) return "Repeat Customer";
  if (top(m) && (top(r) || top(f))) return "Top Spender";
  if ((r == 1) + (f == 1) + (m == 1) >= 2) return "Inactive Customer";
  if (low(r) + low(f) + low(m) >= 2) return "At Risk Customer";
  return kOther;
}

double quantile(const std::vector<double>& sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1) * q;
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

// The 0, 1/q, ..., 1 quantiles of values, coinciding ones dropped.
std::vector<double> bin_edges(const std::vector<double>& values, int q) {
  if (values.empty()) return {};
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> edges;
  for (int i = 0; i <= q; ++i) {
    const double e = i == q ? sorted.back() : quantile(sorted, static_cast<double>(i) / q);
    if (edges.empty() || e != edges.back()) edges.push_back(e);
  }
  return edges;
}

// The 0-based bin of v: the first upper edge (edges[1..]) at or above it; the
// lowest edge belongs to bin 0, a value past the top to the top bin.
int bin_of(const std::vector<double>& edges, double v) {
  const int bins = std::max<int>(1, static_cast<int>(edges.size()) - 1);
  const auto uppers = edges.begin() + std::min<ptrdiff_t>(1, static_cast<ptrdiff_t>(edges.size()));
  return std::min<int>(static_cast<int>(std::lower_bound(uppers, edges.end(), v) - uppers), bins - 1);
}

}  // namespace

std::vector<int> quantile_bins(const std::vector<double>& values, int q, int* bins) {
  *bins = 0;
  if (values.empty()) return {};
  const std::vector<double> edges = bin_edges(values, q);
  *bins = std::max<int>(1, static_cast<int>(edges.size()) - 1);
  std::vector<int> out;
  out.reserve(values.size());
  for (double v : values) out.push_back(bin_of(edges, v));
  return out;
}

Score score_one(const Scoring& s, const Customer& c) {
  Score sc{.r = s.bins_r - bin_of(s.edges_r, c.recency_days),
           .f = bin_of(s.edges_f, c.frequency) + 1,
           .m = bin_of(s.edges_m, c.monetary) + 1};
  sc.code = std::to_string(sc.r) + std::to_string(sc.f) + std::to_string(sc.m);
  sc.segment = s.quantiles == 4 ? segment_of_quartiles(sc.code) : segment_of_quintiles(sc.r, sc.f, sc.m);
  return sc;
}

Scoring score(const std::vector<Customer>& customers, int quantiles) {
  if (quantiles != 4 && quantiles != 5) throw Error("RFM: quantiles must be 4 or 5, got " + std::to_string(quantiles));
  Scoring s{.quantiles = quantiles};
  std::vector<double> r, f, m;
  for (const Customer& c : customers) {
    r.push_back(c.recency_days);
    f.push_back(c.frequency);
    m.push_back(c.monetary);
  }
  s.edges_r = bin_edges(r, quantiles);
  s.edges_f = bin_edges(f, quantiles);
  s.edges_m = bin_edges(m, quantiles);
  const auto bins = [](const std::vector<double>& edges) {
    return edges.empty() ? 0 : std::max<int>(1, static_cast<int>(edges.size()) - 1);
  };
  s.bins_r = bins(s.edges_r);
  s.bins_f = bins(s.edges_f);
  s.bins_m = bins(s.edges_m);
  const auto warn = [&](const char* name, int bins) {
    if (!customers.empty() && bins < quantiles)
      s.warnings.push_back(std::string(name) + ": " + std::to_string(quantiles - bins) +
                           " bin edges coincide, scores do not exceed " + std::to_string(bins));
  };
  warn("recency", s.bins_r);
  warn("frequency", s.bins_f);
  warn("monetary", s.bins_m);
  s.scores.reserve(customers.size());
  for (const Customer& c : customers) s.scores.push_back(score_one(s, c));
  return s;
}

const std::vector<std::string>& segment_names() {
  static const std::vector<std::string> names = {"Premium Customer", "Repeat Customer", "Top Spender",
                                                 "At Risk Customer", "Inactive Customer", kOther};
  return names;
}

}  // namespace luckyhub::rfm
