// The weekly staffing schedule as a PDF (Letter, landscape), drawn with
// cairo's PDF surface: text stays text (a PDF reader can search and copy
// it), one page per store.
#include <cairo.h>

#include <cmath>
#include <cstdio>

#include "core/error.h"
#include "report/pdf_document.h"
#include "tools/staffing/staffing.h"

namespace luckyhub::staffing {
namespace {

constexpr double kWidth = 792, kHeight = 612;  // points: US Letter, landscape
constexpr double kMargin = 36;
const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string format(const char* fmt, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

class Page {
 public:
  explicit Page(cairo_t* cr) : cr_(cr) {}
  void text(double x, double y, const std::string& s, double size, bool bold = false, bool right = false) {
    cairo_select_font_face(cr_, "sans-serif", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr_, s.c_str(), &e);
    cairo_move_to(cr_, right ? x - e.x_advance : x, y);
    cairo_show_text(cr_, s.c_str());
  }
  void fill(double x, double y, double w, double h, double grey) {
    cairo_set_source_rgb(cr_, grey, grey, grey);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_fill(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

 private:
  cairo_t* cr_;
};

// The grid: a row per open hour, a column per day, the recommended staff in
// each cell (and the entered actual staff after a slash).
void draw_grid(Page& page, const StorePlan& p, double top) {
  const std::vector<int> open = open_hours(p);
  const double label_w = 70, col_w = (kWidth - 2 * kMargin - label_w) / 7;
  const double row_h = std::min(18.0, (kHeight - top - 90) / static_cast<double>(open.size() + 1));
  page.fill(kMargin, top, kWidth - 2 * kMargin, row_h, 0.88);
  page.text(kMargin + 4, top + row_h - 5, "Hour", 10, true);
  for (int d = 0; d < 7; ++d)
    page.text(kMargin + label_w + (d + 1) * col_w - 6, top + row_h - 5,
              std::string(kDays[d]) + " " + (p.hours[d * 24].demand.day).str().substr(5), 10, true, true);
  double y = top + row_h;
  for (size_t i = 0; i < open.size(); ++i, y += row_h) {
    if (i % 2 == 1) page.fill(kMargin, y, kWidth - 2 * kMargin, row_h, 0.96);
    page.text(kMargin + 4, y + row_h - 5, format("%02.0f:00", open[i]), 10);
    for (int d = 0; d < 7; ++d) {
      const HourPlan& h = p.hours[d * 24 + open[i]];
      std::string cell = std::to_string(h.need.positions);
      if (h.actual_staff) cell += " / " + std::to_string(*h.actual_staff);
      page.text(kMargin + label_w + (d + 1) * col_w - 6, y + row_h - 5, cell, 10, false, true);
    }
  }
}

// "shrinkage 15%" when every day has the same, else each weekday's, and
// where it came from (the rota's no-shows or the parameter).
std::string shrinkage_text(const WeekShrinkage& week) {
  static const char* const kDayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  bool same = true;
  for (const DayShrinkage& d : week) same = same && d.value == week[0].value && d.source == week[0].source;
  if (same) return "shrinkage " + format("%.0f%%", 100 * week[0].value) + " (" + to_string(week[0].source) + ")";
  std::string out = "shrinkage from no-shows";
  for (int day = 0; day < 7; ++day) out += std::string(day ? ", " : " ") + kDayNames[day] + " " + format("%.0f%%", 100 * week[day].value);
  return out;
}

void draw_store(cairo_t* cr, const StorePlan& p, const WeekPlan& w) {
  Page page(cr);
  page.text(kMargin, kMargin + 14, "Weekly staffing schedule: " + p.store.name, 18, true);
  page.text(kMargin, kMargin + 34,
            "Store " + std::to_string(p.store.shop_id) + "   Week of " + w.data.week.str() + " to " + (w.data.week + 6).str() +
                "   Data as of " + w.data.as_of.str(),
            10);
  const erlang::Target& t = w.settings.target;
  page.text(kMargin, kMargin + 50,
            "Recommended staff per hour (/ actual staff where entered): " + format("%.0f%%", 100 * t.service_level) +
                " of orders started within " + format("%.0f s", t.answer_s) + ", occupancy at most " +
                format("%.0f%%", 100 * t.max_occupancy) + ", " + shrinkage_text(p.shrinkage) +
                ", work per order " + format("%.0f s", p.store.aht_s) + ".",
            9);
  draw_grid(page, p, kMargin + 62);
  const double y = kHeight - kMargin - 36;
  page.text(kMargin, y,
            "Orders forecast: " + format("%.0f", p.orders) + "    Staff-hours: " + std::to_string(p.staff_hours_rounded) +
                " (whole people per hour), " + format("%.0f", std::ceil(p.staff_hours_fractional - 1e-9)) +
                " (rounded once over the week)",
            10, true);
  page.text(kMargin, y + 14,
            "What-if " + format("%+.0f%%", 100 * w.settings.uplift) + " orders: " +
                std::to_string(p.staff_hours_uplift - p.staff_hours_rounded) + " extra staff-hours",
            10, true);
  page.text(kMargin, y + 30, "luckyhub staffing, Tool 15 (Operations)", 8);
}

}  // namespace

std::string schedule_pdf(Warehouse& wh, const std::map<std::string, std::string>& given) {
  const Tool& tool = ToolRegistry::instance().get("staffing");
  const Params params = Params::parse(tool.params, given);
  const WeekPlan w = plan_week(wh, params);
  std::vector<const StorePlan*> pages;
  for (const StorePlan& p : w.plans)
    if (!params.has("store") || p.store.shop_id == params.integer("store")) pages.push_back(&p);
  if (pages.empty())
    throw Error("store: " + std::to_string(params.integer("store")) + " has no forecasts in the week of " + w.data.week.str());

  std::string out;
  PdfDocument doc(kWidth, kHeight, "Weekly staffing schedule " + w.data.week.str(), &out);
  for (const StorePlan* p : pages) {
    draw_store(doc.cr(), *p, w);
    cairo_show_page(doc.cr());
  }
  doc.finish("staffing");
  return out;
}

}  // namespace luckyhub::staffing
