// The page's one search box (`search`): a customer by user_no, or by the
// last four digits of their phone, typed bare ("1234") or masked as the
// page shows phones ("***-***-1234"). Anything else is refused with one
// message that never repeats what was typed: a whole phone number typed by
// mistake is not echoed into an error, a log or a page.
#include <algorithm>
#include <cctype>

#include "tools/param_error.h"
#include "tools/customer_360/customer_360.h"

namespace luckyhub::customer_360 {
namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// Digits with a phone's punctuation around them ("(212) 555-1234",
// "+1 212.555.1234", "2125551234"): seven digits or more.
bool looks_like_a_phone(const std::string& s) {
  int digits = 0;
  for (const unsigned char c : s) {
    if (std::isdigit(c)) ++digits;
    else if (std::string_view(" -.()+").find(static_cast<char>(c)) == std::string_view::npos) return false;
  }
  return digits >= 7 && (digits >= 10 || !all_digits(s));
}

}  // namespace

const char* const kSearchHelp =
    "search: give a customer's user_no (letters, digits, '_' or '-', at most 32) or the last four digits of "
    "a phone (1234 or ***-***-1234)";

SearchTarget parse_search(const std::string& typed) {
  const std::string s = trimmed(typed);
  if (all_digits(s) && s.size() == 4) return {.phone_tail = s};
  if (s.size() == 12 && s.rfind("***-***-", 0) == 0 && all_digits(s.substr(8))) return {.phone_tail = s.substr(8)};
  if (looks_like_a_phone(s))
    throw ParamValueError("search: a whole phone number is never searched; give its last four digits (***-***-1234)");
  const bool user_no_chars = std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
  if (s.empty() || s.size() > 32 || !user_no_chars) throw ParamValueError(kSearchHelp);
  return {.user = s};
}

}  // namespace luckyhub::customer_360
