// A report as a vector PDF (cairo + pango): selectable text, every table row
// paginated with its header repeated, charts drawn as vectors. What the PDF
// holds and how it is laid out: docs/exports.md.
#pragma once

#include <string>

#include "report/report.h"

namespace luckyhub {

// The PDF file's bytes. Throws Error when cairo cannot draw it.
std::string render_pdf(const Report& report);

}  // namespace luckyhub
