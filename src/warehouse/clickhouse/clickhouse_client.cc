#include "warehouse/clickhouse/clickhouse_client.h"

#include <httplib.h>

#include <chrono>
#include <exception>

#include "core/error.h"
#include "core/log.h"
#include "core/percent_encode.h"
#include "warehouse/clickhouse/clickhouse_sql.h"

namespace luckyhub::clickhouse {
namespace {

// ClickHouse's error body is "Code: N, e.displayText() = DB::Exception: WHY,
// e.what() = DB::Exception" (older) or "Code: N. DB::Exception: WHY. (NAME)"
// (newer), possibly followed by a stack trace: keep the reason, on one line.
std::string reason_of(std::string body) {
  if (const size_t nl = body.find('\n'); nl != std::string::npos) body.resize(nl);
  if (const size_t what = body.find(", e.what() = "); what != std::string::npos) body.resize(what);
  const std::string marker = "DB::Exception: ";
  if (const size_t m = body.find(marker); m != std::string::npos) {
    const size_t code_end = body.find_first_of(",.");
    body = body.substr(0, code_end) + ": " + body.substr(m + marker.size());
  }
  if (body.size() > 600) body = body.substr(0, 600) + "...";
  return body;
}

}  // namespace

Client::Client(const Location& location, const Endpoint& endpoint, std::string database)
    : location_(location), endpoint_(endpoint), database_(std::move(database)) {
  http_ = std::make_unique<httplib::Client>(endpoint_.host, endpoint_.port);
  http_->set_keep_alive(true);
  http_->set_tcp_nodelay(true);
  http_->set_connection_timeout(5, 0);
  http_->set_read_timeout(3600, 0);
  http_->set_write_timeout(600, 0);
  http_->set_basic_auth(location_.user, location_.password);
}

Client::~Client() = default;

std::string Client::server() const { return location_.user + "@" + endpoint_.str(); }

std::string Client::path(const std::string& query_in_url) const {
  // wait_end_of_query: an error late in a query is a status code, not a
  // half-written body.
  std::string path = "/?wait_end_of_query=1&join_default_strictness=ALL&join_use_nulls=1";
  if (!location_.cluster.empty()) path += "&distributed_product_mode=global&insert_distributed_sync=1";
  if (!database_.empty()) path += "&database=" + percent_encode(database_);
  if (!query_in_url.empty()) path += "&query=" + percent_encode(query_in_url);
  return path;
}

std::string Client::post(const std::string& query_in_url, std::string_view body) {
  auto response = http_->Post(path(query_in_url), body.data(), body.size(), "text/plain; charset=UTF-8");
  if (!response) {
    throw Error("cannot reach ClickHouse at " + server() + " (" + httplib::to_string(response.error()) + ")");
  }
  if (response->status != 200) {
    throw Error("ClickHouse at " + server() + " (HTTP " + std::to_string(response->status) +
                "): " + reason_of(response->body));
  }
  return std::move(response->body);
}

// The result is parsed as it arrives (TsvResultParser): a result of 100 000
// rows never sits in memory as text too, nor is its text copied as it grows.
ResultSet Client::query_rows(const std::string& statement) {
  httplib::Request request;
  request.method = "POST";
  request.path = path("");
  request.set_header("Content-Type", "text/plain; charset=UTF-8");
  request.body = statement;
  httplib::Response response;
  TsvResultParser parser;
  std::string failure;       // an error response's body
  std::exception_ptr error;  // the parser's
  request.content_receiver = [&](const char* data, size_t size, uint64_t, uint64_t) {
    if (response.status != 200) {
      failure.append(data, size);
      return true;
    }
    try {
      parser.feed({data, size});
      return true;
    } catch (...) {
      error = std::current_exception();
      return false;
    }
  };
  httplib::Error sent = httplib::Error::Success;
  const bool ok = http_->send(request, response, sent);
  if (error) std::rethrow_exception(error);
  if (!ok) throw Error("cannot reach ClickHouse at " + server() + " (" + httplib::to_string(sent) + ")");
  if (response.status != 200) {
    throw Error("ClickHouse at " + server() + " (HTTP " + std::to_string(response.status) + "): " + reason_of(failure));
  }
  return parser.finish();
}

void Client::execute(std::string_view sql) { post("", sql); }

ResultSet Client::query(std::string_view sql, const std::vector<SqlValue>& params) {
  const auto started = std::chrono::steady_clock::now();
  const ResultSet r = query_rows(bind(sql, params) + "\nFORMAT TabSeparatedWithNamesAndTypes");
  if (log::enabled(log::Level::kDebug)) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    std::string text(sql.substr(0, 160));
    for (char& c : text) c = c == '\n' ? ' ' : c;
    log::debug("clickhouse ", static_cast<int64_t>(ms), " ms, ", r.size(), " rows: ", text);
  }
  return r;
}

void Client::insert_tsv(const std::string& table, std::string_view rows) {
  post("INSERT INTO " + table + " FORMAT TabSeparated", rows);
}

}  // namespace luckyhub::clickhouse
