// A node exporter's HTTP answer as the collector's own client reads it
// (collect/http_answer.h): status line, head, identity or chunked body. An
// accepted body is never longer than the answer.
#include "collect/http_answer.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luckyhub;
  const std::string response(fuzz::text_of(data, size));
  fuzz::refused_only_with_error([&] {
    const std::string body = collect::http_answer_body(response, "http://exporter:9100/metrics");
    fuzz::require(body.size() <= response.size(), "the body is within the answer");
  });
  return 0;
}
