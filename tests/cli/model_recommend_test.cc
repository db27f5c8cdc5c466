// `luckyhub model recommend`: popularity's metrics on a tiny file worked out
// by hand, the time holdout, TSV input, --out, and bad files refused in one
// line naming the file and line.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/shared_sim.h"

namespace luckyhub {
namespace {

using testing::run_luckyhub;

std::string write_interactions_file(const std::string& name, const std::string& text) {
  return testing::write_file(testing::temp_dir(), name, text);
}

nlohmann::json run_recommend_json(const std::string& args) {
  std::string out, err;
  const int rc = run_luckyhub("model recommend " + args + " --format json", &out, &err);
  EXPECT_EQ(rc, 0) << err;
  return nlohmann::json::parse(out);
}

// Training: a {x, y}, b {x, z}, c {x, y, z}; test: a {z, w}, b {y}.
// Users per item: x 3, y 2, z 2, w 0. At k = 2, a's unseen ranked [z, w]:
// two hits; b's [y, w]: one hit, first. Precision (1 + 0.5) / 2, recall 1,
// NDCG 1, MAP 1 (b divides by min(2, 1)); shown z, w, y of 4 items.
TEST(ModelRecommend, PopularityByHand) {
  const std::string train = write_interactions_file("rec_train.csv", "user,item\na,x\na,y\nb,x\nb,z\nc,x\nc,y\nc,z\n");
  const std::string test = write_interactions_file("rec_test.csv", "user,item\na,z\na,w\nb,y\n");
  const nlohmann::json j = run_recommend_json("--interactions " + train + " --test " + test + " --evaluate --k 2");
  EXPECT_EQ(j["k"], 2);
  EXPECT_EQ(j["users"], 3);
  EXPECT_EQ(j["items"], 4);
  EXPECT_EQ(j["evaluated_users"], 2);
  ASSERT_EQ(j["models"].size(), 3u);
  const nlohmann::json& pop = j["models"][0];
  EXPECT_EQ(pop["model"], "popularity");
  EXPECT_DOUBLE_EQ(pop["precision_at_k"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(pop["recall_at_k"].get<double>(), 1);
  EXPECT_DOUBLE_EQ(pop["ndcg_at_k"].get<double>(), 1);
  EXPECT_DOUBLE_EQ(pop["map_at_k"].get<double>(), 1);
  EXPECT_DOUBLE_EQ(pop["coverage"].get<double>(), 0.75);
  EXPECT_EQ(j["models"][1]["model"], "item_knn");
  EXPECT_EQ(j["models"][2]["model"], "als");
}

TEST(ModelRecommend, TimeHoldoutFromATsv) {
  // u1's last day (3) brings q, new: evaluated. u2's last day repeats p: not.
  const std::string file = write_interactions_file("rec_time.tsv",
                                      "user\titem\tweight\ttimestamp\n"
                                      "u1\tp\t2\t2026-01-01\nu1\tq\t1\t2026-01-03\n"
                                      "u2\tp\t1\t1\nu2\tp\t1\t2\nu3\tq\t1\t5\n");
  const nlohmann::json j = run_recommend_json("--interactions " + file + " --evaluate --k 1");
  EXPECT_EQ(j["users"], 3);
  EXPECT_EQ(j["evaluated_users"], 1);
  // u1's only unseen item is q: a hit at k = 1 for every model.
  for (const nlohmann::json& m : j["models"]) EXPECT_DOUBLE_EQ(m["precision_at_k"].get<double>(), 1) << m["model"];

  const std::string out = testing::temp_dir() + "/rec_top.csv";
  std::string stdout_text, err;
  ASSERT_EQ(run_luckyhub("model recommend --interactions " + file + " --out " + out + " --model popularity --k 1",
                         &stdout_text, &err),
            0)
      << err;
  // Trained on everything: u2 has p, its best unseen is q (2 users).
  EXPECT_NE(testing::read_file(out).find("u2,1,q,2\n"), std::string::npos) << testing::read_file(out);
}

TEST(ModelRecommend, BadFilesInOneLine) {
  const auto refused = [](const std::string& args, const std::string& message) {
    std::string out, err;
    EXPECT_NE(run_luckyhub("model recommend " + args, &out, &err), 0);
    EXPECT_NE(err.find(message), std::string::npos) << err;
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  };
  const std::string no_item = write_interactions_file("rec_noitem.csv", "user,product\na,x\n");
  refused("--interactions " + no_item + " --evaluate", "rec_noitem.csv:1: no column 'item' in the header (user, product)");
  const std::string bad_weight = write_interactions_file("rec_weight.csv", "user,item,weight\na,x,1\nb,y,-2\n");
  refused("--interactions " + bad_weight + " --evaluate", "rec_weight.csv:3: weight '-2' is not a positive number");
  const std::string bad_time = write_interactions_file("rec_ts.csv", "user,item,timestamp\na,x,yesterday\n");
  refused("--interactions " + bad_time + " --evaluate", "rec_ts.csv:2: timestamp 'yesterday' is neither");
  const std::string no_time = write_interactions_file("rec_notime.csv", "user,item\na,x\n");
  refused("--interactions " + no_time + " --evaluate", "a timestamp column is needed");
  refused("--interactions " + no_time, "give --evaluate, --out FILE, or both");
}

}  // namespace
}  // namespace luckyhub
