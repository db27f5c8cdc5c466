// RFM scoring as pymc-marketing's rfm_segments: each customer's recency (days
// from the last purchase to the end), frequency (purchase days) and monetary
// value (mean spend per purchase day) is scored by the quantile bin it falls
// in, and the three digits name a segment.
//
// Bins: the edges are the 0, 1/q, …, 1 quantiles of the values (linear
// interpolation between order statistics, numpy's default); a value v is in
// bin i when edge_i < v <= edge_{i+1}, the lowest edge included in bin 1.
// Edges that coincide are dropped, so a variable with many equal values has
// fewer bins — its scores then stop below q, and a warning says so. Scores
// run 1..bins, higher better: recency's are reversed (the most recent bin
// scores highest).
//
// Quartiles (q = 4) name segments by pymc-marketing's default table of codes
// (kQuartileSegments); every other code is "Other". Quintiles (q = 5) name
// them by the same table's rules with "top two" read as 4–5 and "bottom two"
// as 1–2 (see segment_of_quintiles in rfm.cc).
#pragma once

#include <string>
#include <vector>

namespace luckyhub::rfm {

struct Customer {
  double recency_days = 0;  // end − last purchase day
  double frequency = 0;     // purchase days, the first included
  double monetary = 0;      // mean spend per purchase day
};

struct Score {
  int r = 0, f = 0, m = 0;
  std::string code;     // "434"
  std::string segment;  // "Premium Customer"
};

struct Scoring {
  int quantiles = 4;
  int bins_r = 0, bins_f = 0, bins_m = 0;
  std::vector<double> edges_r, edges_f, edges_m;  // the bins' edges, coinciding ones dropped
  std::vector<Score> scores;          // one per customer, in input order
  std::vector<std::string> warnings;  // a variable whose bins collapsed
};

// REQUIRES quantiles 4 or 5 (Error otherwise).
Scoring score(const std::vector<Customer>& customers, int quantiles = 4);

// One more customer scored by the bins of `scoring` (its edges): the score
// they have in it when they were among its customers.
Score score_one(const Scoring& scoring, const Customer& customer);

// The bins (0-based) of values by q quantiles after dropping coinciding edges;
// *bins receives their number (0 for no values, 1 when all are equal).
std::vector<int> quantile_bins(const std::vector<double>& values, int q, int* bins);

// The segment names in report order, "Other" last.
const std::vector<std::string>& segment_names();

}  // namespace luckyhub::rfm
