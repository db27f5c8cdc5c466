// Renderers of a Report for the CLI and the HTTP API: JSON (the stable
// contract of docs/reports.md), a human-readable text layout, and CSV of a
// table panel.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/report.h"

namespace luckyhub {

nlohmann::json report_to_json(const Report& report);
std::string render_json(const Report& report);
std::string render_text(const Report& report);
// CSV of the table panel `panel_id`; with an empty id, of the report's only
// table panel, or of every table panel, each after a '# <panel id>' line.
// Throws Error when the panel is not a table of this report.
std::string render_csv(const Report& report, const std::string& panel_id);

// A cell as a person reads it: "$1,234.56", "2.35%", "1,204".
std::string format_cell(const Cell& cell, ValueType type, const std::string& currency,
                        const std::string& unit);
// A table cell under its column: as format_cell, but a column of identifiers
// (its id is "id" or ends in "_id": an order, a store, a device) is never
// grouped: "1295", not "1,295".
std::string format_column_cell(const Cell& cell, const Column& column);
bool is_identifier_column(const Column& column);

}  // namespace luckyhub
