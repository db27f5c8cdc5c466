#include "collect/query_mask.h"

#include <cctype>

namespace luckyhub::collect {
namespace {

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// The end of a quoted literal starting at `i` (the quote), honouring
// backslash escapes and doubled quotes.
size_t skip_quoted(std::string_view s, size_t i) {
  const char quote = s[i++];
  while (i < s.size()) {
    if (s[i] == '\\') {
      i += 2;
    } else if (s[i] == quote) {
      if (i + 1 < s.size() && s[i + 1] == quote) {
        i += 2;
      } else {
        return i + 1;
      }
    } else {
      ++i;
    }
  }
  return s.size();
}

}  // namespace

std::string mask_query(std::string_view s, size_t max_chars) {
  std::string out;
  size_t i = 0;
  while (i < s.size() && out.size() <= max_chars) {
    const char c = s[i];
    if (c == '\'' || c == '"') {
      out += '?';
      i = skip_quoted(s, i);
    } else if (c == '`') {  // a quoted identifier: kept as it is
      const size_t end = skip_quoted(s, i);
      out.append(s.substr(i, end - i));
      i = end;
    } else if (std::isdigit(static_cast<unsigned char>(c)) && (out.empty() || !is_word(out.back()))) {
      // A number (also 0x1F, 1.5e3, -2 keeps its sign as an operator).
      while (i < s.size() && (is_word(s[i]) || s[i] == '.')) ++i;
      out += '?';
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
      if (!out.empty()) out += ' ';
    } else {
      out += c;
      ++i;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > max_chars || i < s.size()) {
    out.resize(std::min(out.size(), max_chars));
    out += "...";
  }
  return out;
}

}  // namespace luckyhub::collect
