// The answer of a plain HTTP/1.0 GET as the collector's own client reads it
// (host_metrics.h http_get: a node exporter's /metrics): the whole response,
// head and body, as received up to the server's close. Outside input: what
// is not a 200 answer with an identity or chunked body is an Error.
#pragma once

#include <string>

namespace luckyhub::collect {

// The body of `response` ("HTTP/1.1 200 OK\r\n...\r\n\r\nbody"), de-chunked
// when the head says Transfer-Encoding: chunked. Throws Error prefixed with
// `where` (the URL) on a response without a head, a status other than 200, a
// compressed body or a truncated or malformed chunk.
std::string http_answer_body(const std::string& response, const std::string& where);

}  // namespace luckyhub::collect
