// The web front end's built files (web/dist), embedded in the binary at build
// time by cmake/embed_web.cmake. When web/dist did not exist at build time,
// the only asset is an index.html saying that the front end was not built.
#pragma once

#include <cstddef>
#include <string_view>

namespace luckyhub::server {

struct Asset {
  std::string_view path;          // "/index.html", "/assets/index-3f2a.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view etag;          // quoted, from the content's hash
  std::string_view body;
};

// The asset at `path`, or nullptr.
const Asset* find_asset(std::string_view path);

}  // namespace luckyhub::server
