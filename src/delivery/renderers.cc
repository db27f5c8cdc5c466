#include "delivery/renderers.h"

#include <vector>

#include "report/render.h"
#include "report/render_pdf.h"
#include "report/render_xlsx.h"

namespace luckyhub::delivery {
namespace {

const std::vector<Renderer>& renderers() {
  static const std::vector<Renderer> list = {
      {"csv", "text/csv; charset=utf-8", "csv", [](const Report& r) { return render_csv(r, ""); }},
      {"pdf", "application/pdf", "pdf", [](const Report& r) { return render_pdf(r); }},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
       [](const Report& r) { return render_xlsx(r); }},
  };
  return list;
}

}  // namespace

const Renderer* find_renderer(const std::string& format) {
  for (const Renderer& r : renderers()) {
    if (r.format == format) return &r;
  }
  return nullptr;
}

bool is_known_format(const std::string& format) { return format == "pdf" || format == "xlsx" || format == "csv"; }

}  // namespace luckyhub::delivery
