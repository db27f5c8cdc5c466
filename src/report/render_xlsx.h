// A report as an XLSX workbook (libxlsxwriter): a Summary sheet (title,
// parameters, KPI tiles), then a sheet per table panel and per chart panel,
// with typed cells (integers, money with its currency format, rates as
// percentages, dates as Excel dates). Details: docs/exports.md.
#pragma once

#include <string>

#include "report/report.h"

namespace luckyhub {

// The workbook's bytes. Throws Error when libxlsxwriter cannot write it.
std::string render_xlsx(const Report& report);

}  // namespace luckyhub
