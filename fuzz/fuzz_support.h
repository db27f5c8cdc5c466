// What every libFuzzer harness of fuzz/ shares. A harness feeds one parser
// of outside input (a file, a request, a server's reply) arbitrary bytes; the
// parser may refuse them only with luckyhub::Error (HttpError is one). Any
// other exception escaping, a sanitizer report, a hang or a broken round trip
// (fuzz::require) is a finding: libFuzzer stops and keeps the input.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "core/error.h"

namespace luckyhub::fuzz {

inline std::string_view text_of(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// For the parsers that read a path: a file of this process (in TMPDIR,
// /tmp without) holding the input, rewritten on every call.
inline const std::string& scratch_file(const uint8_t* data, size_t size, const char* name) {
  static const std::string path = [name] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/luckyhub-fuzz-" + std::to_string(::getpid()) + "-" + name;
  }();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

// Runs `parse`; a refusal (luckyhub::Error) is a fine answer to bad input.
template <class Parse>
void refused_only_with_error(Parse&& parse) {
  try {
    parse();
  } catch (const Error&) {
  }
}

// A property of an accepted input (a round trip); false is a finding.
inline void require(bool holds, const char* what) {
  if (!holds) {
    std::fprintf(stderr, "fuzz: property broken: %s\n", what);
    std::abort();
  }
}

}  // namespace luckyhub::fuzz
