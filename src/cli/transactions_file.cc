#include "cli/transactions_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>

#include "core/csv_fields.h"
#include "core/error.h"

namespace luckyhub::cli {
namespace {

Date parse_day(const std::string& text) {
  // 'YYYY-MM-DD', optionally followed by a time ('YYYY-MM-DD HH:MM:SS' or 'T').
  if (text.size() > 10 && text[10] != ' ' && text[10] != 'T')
    throw Error("not a date (want YYYY-MM-DD): '" + text + "'");
  return Date::parse(std::string_view(text).substr(0, 10));
}

double parse_amount(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    throw Error("amount '" + text + "' is not a number");
  return v;
}

}  // namespace

std::vector<Transaction> read_transactions(const std::string& path, const TransactionColumns& columns) {
  std::ifstream in(path);
  if (!in) throw Error(path + ": cannot open");
  std::string line;
  if (!std::getline(in, line) || trim_csv_field(line).empty()) throw Error(path + ": empty, want a header line");
  const std::vector<std::string> header = split_csv_fields(line);
  const int customer = csv_column(path, header, columns.customer);
  const int date = csv_column(path, header, columns.date);
  const int amount = columns.amount.empty() ? -1 : csv_column(path, header, columns.amount);
  const size_t needed = static_cast<size_t>(std::max({customer, date, amount})) + 1;
  std::vector<Transaction> out;
  for (int number = 2; std::getline(in, line); ++number) {
    if (trim_csv_field(line).empty()) continue;
    const std::vector<std::string> fields = split_csv_fields(line);
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (fields.size() < needed)
      throw Error(where + std::to_string(fields.size()) + " fields, the named columns need " + std::to_string(needed));
    Transaction t{.customer = fields[customer]};
    if (t.customer.empty()) throw Error(where + "empty " + columns.customer);
    try {
      t.date = parse_day(fields[date]);
      if (amount >= 0) t.amount = parse_amount(fields[amount]);
    } catch (const Error& e) {
      throw Error(where + e.what());
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<CustomerSummary> summarise(const std::vector<Transaction>& transactions, std::optional<Date> end,
                                       double days_per_unit) {
  if (!end) {
    if (transactions.empty()) return {};
    end = std::max_element(transactions.begin(), transactions.end(), [](const Transaction& a, const Transaction& b) {
            return a.date < b.date;
          })->date;
  }
  // customer → day → amount summed over the day
  std::map<std::string, std::map<Date, double>> days;
  for (const Transaction& t : transactions)
    if (t.date <= *end) days[t.customer][t.date] += t.amount;
  std::vector<CustomerSummary> out;
  out.reserve(days.size());
  for (const auto& [customer, by_day] : days) {
    const Date first = by_day.begin()->first, last = by_day.rbegin()->first;
    CustomerSummary s{.customer = customer,
                      .frequency = static_cast<double>(by_day.size() - 1),
                      .recency = (last - first) / days_per_unit,
                      .T = (*end - first) / days_per_unit};
    if (by_day.size() > 1) {
      double sum = 0;
      for (auto it = std::next(by_day.begin()); it != by_day.end(); ++it) sum += it->second;
      s.monetary = sum / s.frequency;
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace luckyhub::cli
