// `luckyhub model recommend`: the recommendations tool's models
// (domain/recommend/) on a plain interactions file, evaluated side by side.
// Without --test the file is split by time (each user's last time held
// out, domain/recommend/holdout.h); with --test the models train on the
// whole of --interactions and rank, for each user of the test file, the
// items it has not had in training. --out writes every user's top k of one
// model.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/interactions_file.h"
#include "core/error.h"
#include "domain/recommend/als.h"

namespace luckyhub::cli {
namespace {

struct RecommendOptions {
  std::string interactions, test, out, model = "als", format = "text";
  bool evaluate = false;
  int k = 10, neighbours = 50, threads = 2;
  recommend::AlsOptions als;
};

struct ModelResult {
  std::string name;
  recommend::RankingMetrics metrics;
  double train_seconds = 0;
};

struct Data {
  Catalogue catalogue;
  recommend::Interactions train;
  std::vector<std::vector<int32_t>> relevant;
};

Data load(const RecommendOptions& o) {
  Data d;
  const InteractionsFile all = read_interactions(o.interactions, d.catalogue);
  if (o.test.empty()) {
    if (!all.has_time && o.evaluate)
      throw Error(o.interactions + ": a timestamp column is needed to hold out each user's last time (or give --test)");
    if (o.evaluate) {
      recommend::Holdout h = recommend::time_holdout(static_cast<int32_t>(d.catalogue.users.size()),
                                                     static_cast<int32_t>(d.catalogue.items.size()), all.events);
      d.train = std::move(h.train);
      d.relevant = std::move(h.relevant);
      return d;
    }
  }
  std::vector<recommend::Interaction> entries;
  for (const recommend::Event& e : all.events) entries.push_back({e.user, e.item, e.weight});
  std::vector<recommend::Event> test;
  if (!o.test.empty()) test = read_interactions(o.test, d.catalogue).events;
  const int32_t users = static_cast<int32_t>(d.catalogue.users.size());
  const int32_t items = static_cast<int32_t>(d.catalogue.items.size());
  d.train = recommend::Interactions::from(users, items, std::move(entries));
  d.relevant.assign(static_cast<size_t>(users), {});
  for (const recommend::Event& e : test) {
    if (!d.train.has(e.user, e.item)) d.relevant[e.user].push_back(e.item);
  }
  for (auto& r : d.relevant) {
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
  }
  return d;
}

std::unique_ptr<recommend::Recommender> train(const std::string& name, const RecommendOptions& o, const Data& d) {
  if (name == "popularity") return std::make_unique<recommend::Popularity>(d.train);
  if (name == "item_knn") return std::make_unique<recommend::ItemKnn>(d.train, o.neighbours, o.threads);
  recommend::AlsOptions als = o.als;
  als.threads = o.threads;
  return std::make_unique<recommend::Als>(d.train, als);
}

std::vector<ModelResult> evaluate_all(const RecommendOptions& o, const Data& d) {
  std::vector<ModelResult> out;
  for (const char* name : {"popularity", "item_knn", "als"}) {
    const auto start = std::chrono::steady_clock::now();
    const auto model = train(name, o, d);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.push_back({name, recommend::evaluate(*model, d.train, d.relevant, o.k, o.threads), seconds});
  }
  return out;
}

void write_top(const RecommendOptions& o, const Data& d) {
  std::vector<std::string> user_id(d.catalogue.users.size()), item_id(d.catalogue.items.size());
  for (const auto& [id, n] : d.catalogue.users) user_id[n] = id;
  for (const auto& [id, n] : d.catalogue.items) item_id[n] = id;
  const auto model = train(o.model, o, d);
  std::ofstream out(o.out);
  if (!out) throw Error(o.out + ": cannot write");
  out << "user,rank,item,score\n";
  std::vector<double> scores(item_id.size());
  char buf[64];
  for (int32_t u = 0; u < d.train.users(); ++u) {
    model->score(u, scores);
    const std::vector<int32_t> top = recommend::top_k(scores, d.train, u, o.k);
    for (size_t r = 0; r < top.size(); ++r) {
      std::snprintf(buf, sizeof buf, "%.6g", scores[top[r]]);
      out << user_id[u] << "," << r + 1 << "," << item_id[top[r]] << "," << buf << "\n";
    }
  }
  if (!out) throw Error(o.out + ": write failed");
}

void print(const RecommendOptions& o, const Data& d, const std::vector<ModelResult>& results) {
  int64_t evaluated = 0;
  for (const auto& r : d.relevant) evaluated += r.empty() ? 0 : 1;
  if (o.format == "json") {
    nlohmann::json models = nlohmann::json::array();
    for (const ModelResult& r : results) {
      models.push_back({{"model", r.name},
                        {"precision_at_k", r.metrics.precision},
                        {"recall_at_k", r.metrics.recall},
                        {"ndcg_at_k", r.metrics.ndcg},
                        {"map_at_k", r.metrics.map},
                        {"coverage", r.metrics.coverage},
                        {"train_seconds", r.train_seconds}});
    }
    std::cout << nlohmann::json{{"k", o.k},
                                {"users", d.train.users()},
                                {"evaluated_users", evaluated},
                                {"items", d.train.items()},
                                {"models", models}}
                     .dump(2)
              << "\n";
    return;
  }
  std::printf("%d users, %d items, %lld interactions; %lld users evaluated at k = %d\n", d.train.users(),
              d.train.items(), static_cast<long long>(d.train.entries()), static_cast<long long>(evaluated), o.k);
  std::printf("%-11s %9s %9s %9s %9s %9s %8s\n", "model", "prec@k", "recall@k", "ndcg@k", "map@k", "coverage", "train s");
  const double baseline = results.front().metrics.ndcg;
  for (const ModelResult& r : results) {
    const recommend::RankingMetrics& m = r.metrics;
    std::printf("%-11s %9.5f %9.5f %9.5f %9.5f %9.5f %8.2f%s\n", r.name.c_str(), m.precision, m.recall, m.ndcg,
                m.map, m.coverage, r.train_seconds,
                r.name != "popularity" && m.ndcg <= baseline ? "  (does not beat popularity)" : "");
  }
}

}  // namespace

void add_model_recommend(CLI::App& model) {
  auto* cmd = model.add_subcommand(
      "recommend", "Recommenders on an interactions file: popularity, item-kNN and ALS, evaluated side by side");
  auto o = std::make_shared<RecommendOptions>();
  cmd->add_option("--interactions", o->interactions, "CSV or TSV with a header naming user, item [, weight, timestamp]")
      ->required();
  cmd->add_option("--test", o->test, "held-out interactions (user, item); default: each user's last time");
  cmd->add_flag("--evaluate", o->evaluate, "evaluate every model on the holdout");
  cmd->add_option("--k", o->k, "cut-off of the ranking metrics and of --out")->check(CLI::Range(1, 1000))->capture_default_str();
  cmd->add_option("--out", o->out, "write each user's top k of --model to this CSV");
  cmd->add_option("--model", o->model, "the model of --out")->check(CLI::IsMember({"popularity", "item_knn", "als"}))
      ->capture_default_str();
  cmd->add_option("--factors", o->als.factors, "ALS latent factors, besides the item bias")->check(CLI::Range(1, 512))
      ->capture_default_str();
  cmd->add_option("--iterations", o->als.iterations, "ALS iterations")->check(CLI::Range(1, 200))->capture_default_str();
  cmd->add_option("--alpha", o->als.alpha, "ALS confidence scale")->check(CLI::Range(0.0, 1e6))->capture_default_str();
  cmd->add_option("--regularization", o->als.regularization, "ALS lambda (times each row's entries)")
      ->check(CLI::Range(0.0, 1e6))->capture_default_str();
  cmd->add_flag("--no-item-bias{false}", o->als.item_bias, "ALS without the item bias (Hu, Koren & Volinsky's model)");
  cmd->add_flag("--fixed-regularization{false}", o->als.count_regularization,
                "ALS's lambda the same for every row, not times its entries");
  cmd->add_option("--cg-steps", o->als.cg_steps, "conjugate-gradient steps per solve (0: exact)")
      ->check(CLI::Range(0, 100))->capture_default_str();
  cmd->add_option("--neighbours", o->neighbours, "item-kNN neighbours kept per item")->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--threads", o->threads, "threads")->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([o] {
    if (!o->evaluate && o->out.empty()) throw Error("model recommend: give --evaluate, --out FILE, or both");
    const Data d = load(*o);
    if (!o->out.empty()) write_top(*o, d);
    if (o->evaluate) print(*o, d, evaluate_all(*o, d));
  });
}

}  // namespace luckyhub::cli
