// The plain-file input of `luckyhub model recommend`: a CSV or TSV file (by
// its header: tab-separated when the header has a tab) whose header names
// `user` and `item`, optionally `weight` (a positive number, default 1) and
// `timestamp` (an integer, or a date YYYY-MM-DD as its day number), other
// columns ignored. Users and items are given dense indices in order of
// first appearance, shared by every file read into the same Catalogue.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "domain/recommend/holdout.h"

namespace luckyhub::cli {

struct Catalogue {
  std::unordered_map<std::string, int32_t> users, items;
  int32_t user(const std::string& id) { return users.emplace(id, static_cast<int32_t>(users.size())).first->second; }
  int32_t item(const std::string& id) { return items.emplace(id, static_cast<int32_t>(items.size())).first->second; }
};

struct InteractionsFile {
  std::vector<recommend::Event> events;
  bool has_time = false;
};

// Throws Error "PATH:LINE: reason" on a bad row (too few fields, an empty
// user or item, a weight that is not a positive number, a timestamp that is
// neither an integer nor a date), "PATH:1: ..." on a header without `user`
// or `item`, "PATH: reason" on a missing or empty file.
InteractionsFile read_interactions(const std::string& path, Catalogue& catalogue);

}  // namespace luckyhub::cli
