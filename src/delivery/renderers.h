// Attachment renderers of a scheduled report's mail, keyed by format: "csv"
// (report/render.h render_csv of every table panel), "pdf" and "xlsx"
// (report/render_pdf.h, render_xlsx.h: the same files the report pages
// download). A schedule asking for a known format without a renderer fails
// validation ("format pdf is not available in this build").
//
// Thread safety: the registry is filled before main() and read-only after.
#pragma once

#include <functional>
#include <string>

#include "report/report.h"

namespace luckyhub::delivery {

struct Renderer {
  std::string format;        // "csv"
  std::string content_type;  // "text/csv; charset=utf-8"
  std::string extension;     // "csv"
  std::function<std::string(const Report&)> render;
};

// nullptr when no renderer is registered for `format`.
const Renderer* find_renderer(const std::string& format);
// pdf, xlsx or csv: what a schedule may ask for in some build.
bool is_known_format(const std::string& format);

}  // namespace luckyhub::delivery
