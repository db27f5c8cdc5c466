// A node exporter's HTTP answer as the collector's client reads it, including
// the answers fuzz/http_answer.cc found wrong: a chunk size past the answer
// (once a loop that never ended) and a chunk not followed by its CRLF.
#include "collect/http_answer.h"

#include <gtest/gtest.h>

#include <chrono>

#include "core/error.h"

namespace luckyhub::collect {
namespace {

const std::string kWhere = "http://exporter:9100/metrics";

TEST(HttpAnswer, ThePlainBodyOfA200) {
  EXPECT_EQ(http_answer_body("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nnode_load1 0.5\n", kWhere),
            "node_load1 0.5\n");
}

TEST(HttpAnswer, AChunkedBodyIsJoined) {
  EXPECT_EQ(http_answer_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "5\r\nnode_\r\nA;ext=1\r\nload1 0.5\n\r\n0\r\n\r\n",
                             kWhere),
            "node_load1 0.5\n");
}

TEST(HttpAnswer, RefusesWhatIsNotA200WithAnIdentityOrChunkedBody) {
  EXPECT_THROW(http_answer_body("HTTP/1.0 404 Not Found\r\n\r\n", kWhere), Error);
  EXPECT_THROW(http_answer_body("no head at all", kWhere), Error);
  EXPECT_THROW(http_answer_body("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n\x1f\x8b", kWhere), Error);
}

// Found by fuzz/http_answer.cc (fuzz/corpus/http_answer/timeout-b360…): the
// size was read with strtoul and added to the position unchecked, so a huge
// size wrapped around and the loop never ended.
TEST(HttpAnswer, AChunkSizePastTheAnswerIsAnErrorAtOnce) {
  const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (const std::string chunks : {"ffffffffffffffff\r\nab\r\n0\r\n\r\n", "fffffffffffffffff1\r\nx\r\n0\r\n\r\n",
                                   "4\r\nab\r\n0\r\n\r\n", "zz\r\nab\r\n0\r\n\r\n", "-1\r\nab\r\n0\r\n\r\n",
                                   "\r\nab\r\n0\r\n\r\n"}) {
    SCOPED_TRACE(chunks);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_THROW(http_answer_body(head + chunks, kWhere), Error);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  }
}

TEST(HttpAnswer, AChunkNotFollowedByItsLineEndIsAnError) {
  EXPECT_THROW(http_answer_body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n0\r\n\r\n", kWhere),
               Error);
}

}  // namespace
}  // namespace luckyhub::collect
