// A report as a vector PDF. Layout (docs/exports.md): US Letter, landscape
// when a table has more than six columns or a heatmap more than twelve,
// portrait otherwise; a title block, then every panel in order, flowing down
// the pages; a footer "page N of M" on every page.
//
// Two passes: the first lays everything out without drawing, to count the
// pages (M); the second draws and hands each page to cairo as soon as it is
// full (cairo_show_page), so nothing but the current page is held: table rows
// have a fixed height (long text is ellipsised), which keeps the first pass
// arithmetic for them.
#include "report/render_pdf.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <optional>

#include "core/error.h"
#include "report/data_freshness.h"
#include "report/pdf_document.h"
#include "report/render.h"

namespace luckyhub {
namespace {

constexpr double kLetterLong = 792, kLetterShort = 612;  // points
constexpr double kMargin = 36;
constexpr double kFooterHeight = 18;
constexpr double kGap = 10;
constexpr double kRowHeight = 13, kHeaderHeight = 16;

struct Rgb {
  double r, g, b;
};
constexpr Rgb kBlack{0, 0, 0}, kGrey{0.40, 0.40, 0.40}, kRule{0.75, 0.75, 0.75}, kHeaderFill{0.90, 0.91, 0.93},
    kZebra{0.965, 0.968, 0.975};
constexpr Rgb kPalette[] = {{0.12, 0.47, 0.71}, {1.00, 0.50, 0.05}, {0.17, 0.63, 0.17}, {0.84, 0.15, 0.16},
                            {0.58, 0.40, 0.74}, {0.55, 0.34, 0.29}, {0.89, 0.47, 0.76}, {0.50, 0.50, 0.50},
                            {0.74, 0.74, 0.13}, {0.09, 0.75, 0.81}};
constexpr size_t kPaletteSize = sizeof kPalette / sizeof kPalette[0];

Rgb status_rgb(Status s) {
  switch (s) {
    case Status::kGreen: return {0.18, 0.62, 0.30};
    case Status::kYellow: return {0.93, 0.68, 0.08};
    case Status::kRed: return {0.84, 0.19, 0.17};
    case Status::kNone: break;
  }
  return {0.65, 0.65, 0.65};
}

Rgb mix(Rgb a, Rgb b, double t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t}; }

// Calm to hot: pale yellow, orange, red.
Rgb heat(double t) {
  t = std::clamp(t, 0.0, 1.0);
  constexpr Rgb calm{0.98, 0.97, 0.86}, warm{0.99, 0.72, 0.30}, hot{0.80, 0.12, 0.15};
  return t < 0.5 ? mix(calm, warm, t * 2) : mix(warm, hot, (t - 0.5) * 2);
}

std::optional<double> number(const Cell& c) {
  if (const auto* i = std::get_if<int64_t>(&c)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&c)) return std::isfinite(*d) ? std::optional<double>(*d) : std::nullopt;
  return std::nullopt;
}

bool is_numeric(ValueType t) { return t != ValueType::kText && t != ValueType::kDate && t != ValueType::kMonth; }

// An axis value as the page writes it: counts and cents are whole.
std::string axis_label(double v, ValueType type, const std::string& currency, const std::string& unit) {
  if (type == ValueType::kInt || type == ValueType::kMoney) return format_cell(int64_t(std::llround(v)), type, currency, unit);
  if (type == ValueType::kRate) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g%%", v * 100);
    return buf;
  }
  if (unit.empty() && std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e15) return format_cell(int64_t(std::llround(v)), ValueType::kInt, "", "");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return std::string(buf) + (unit.empty() || unit == "bytes" || unit == "s" ? "" : " " + unit);
}

// Round tick positions covering [lo, hi], about `n` of them.
std::vector<double> ticks(double& lo, double& hi, int n = 5) {
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const double raw = (hi - lo) / n;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / mag;
  const double step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10) * mag;
  lo = std::floor(lo / step + 1e-9) * step;
  hi = std::ceil(hi / step - 1e-9) * step;
  std::vector<double> out;
  for (double v = lo; v <= hi + step / 2; v += step) out.push_back(std::abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

enum class Align { kLeft, kRight, kCenter };

// The fonts: one pango layout per style, made once.
enum Style { kSmall, kBody, kBold, kHeading, kTitle, kValue, kStyles };

class PdfWriter {
 public:
  PdfWriter(const Report& report, std::string generated, bool draw, int total_pages, std::string* out)
      : report_(report), generated_(std::move(generated)), draw_(draw), total_pages_(total_pages) {
    landscape_ = false;
    for (const Panel& p : report.panels) {
      if (p.kind == PanelKind::kTable && p.table.columns.size() > 6) landscape_ = true;
      if ((p.kind == PanelKind::kHeatmap || p.kind == PanelKind::kEntry) && p.heatmap.x.size() > 12) landscape_ = true;
    }
    width_ = landscape_ ? kLetterLong : kLetterShort;
    height_ = landscape_ ? kLetterShort : kLetterLong;
    left_ = kMargin;
    right_ = width_ - kMargin;
    top_ = kMargin;
    bottom_ = height_ - kMargin - kFooterHeight;
    y_ = top_;
    doc_ = std::make_unique<PdfDocument>(width_, height_, report.title, draw ? out : nullptr);
    cr_ = doc_->cr();
    PangoContext* ctx = pango_cairo_create_context(cr_);
    pango_cairo_context_set_resolution(ctx, 72);  // font sizes in points, as the page
    static const char* const kFonts[kStyles] = {"Sans 7", "Sans 8", "Sans Bold 8", "Sans Bold 12", "Sans Bold 18",
                                                "Sans Bold 15"};
    for (int s = 0; s < kStyles; ++s) {
      layouts_[s] = pango_layout_new(ctx);
      PangoFontDescription* fd = pango_font_description_from_string(kFonts[s]);
      pango_layout_set_font_description(layouts_[s], fd);
      pango_font_description_free(fd);
    }
    g_object_unref(ctx);
  }
  ~PdfWriter() {
    for (PangoLayout* l : layouts_) g_object_unref(l);
  }
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  // Lays out (and with `draw`, draws) the whole report; returns the page count.
  int run() {
    title_block();
    for (const Panel& p : report_.panels) panel(p);
    end_page();
    doc_->finish(report_.tool);
    return page_ - 1;
  }

 private:
  double content_width() const { return right_ - left_; }

  // One line of text with its top-left at (x, y), ellipsised to `w` when w > 0
  // (aligned within w). Returns the line's height.
  double line(Style s, double x, double y, double w, const std::string& text, Align a = Align::kLeft, Rgb c = kBlack) {
    PangoLayout* l = layouts_[s];
    pango_layout_set_width(l, w > 0 ? int(w * PANGO_SCALE) : -1);
    pango_layout_set_ellipsize(l, w > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
    pango_layout_set_single_paragraph_mode(l, true);
    pango_layout_set_alignment(l, a == Align::kRight ? PANGO_ALIGN_RIGHT : a == Align::kCenter ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, text.data(), int(text.size()));
    int pw = 0, ph = 0;
    pango_layout_get_size(l, &pw, &ph);
    if (draw_) {
      double dx = 0;
      if (w <= 0 && a == Align::kRight) dx = -double(pw) / PANGO_SCALE;
      if (w <= 0 && a == Align::kCenter) dx = -double(pw) / PANGO_SCALE / 2;
      colour(c);
      cairo_move_to(cr_, x + dx, y);
      pango_cairo_show_layout(cr_, l);
    }
    return double(ph) / PANGO_SCALE;
  }
  double text_width(Style s, const std::string& text) {
    PangoLayout* l = layouts_[s];
    pango_layout_set_width(l, -1);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_text(l, text.data(), int(text.size()));
    int pw = 0, ph = 0;
    pango_layout_get_size(l, &pw, &ph);
    return double(pw) / PANGO_SCALE;
  }
  // A paragraph wrapped to `w`, top-left at (x, y); returns its height.
  double paragraph(Style s, double x, double y, double w, const std::string& text, Rgb c = kBlack) {
    PangoLayout* l = layouts_[s];
    pango_layout_set_width(l, int(w * PANGO_SCALE));
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_single_paragraph_mode(l, false);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, text.data(), int(text.size()));
    int pw = 0, ph = 0;
    pango_layout_get_size(l, &pw, &ph);
    if (draw_) {
      colour(c);
      cairo_move_to(cr_, x, y);
      pango_cairo_show_layout(cr_, l);
    }
    return double(ph) / PANGO_SCALE;
  }
  // A paragraph placed in the flow: on the next page when it does not fit.
  void flow_paragraph(Style s, const std::string& text, Rgb c = kBlack, double indent = 0) {
    const bool was = draw_;
    draw_ = false;
    const double h = paragraph(s, left_ + indent, y_, content_width() - indent, text, c);
    draw_ = was;
    ensure(h);
    y_ += paragraph(s, left_ + indent, y_, content_width() - indent, text, c);
  }

  void colour(Rgb c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }
  void fill(double x, double y, double w, double h, Rgb c) {
    if (!draw_) return;
    colour(c);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_fill(cr_);
  }
  void stroke_rect(double x, double y, double w, double h, Rgb c, double lw = 0.5) {
    if (!draw_) return;
    colour(c);
    cairo_set_line_width(cr_, lw);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_stroke(cr_);
  }
  void rule(double x0, double y0, double x1, double y1, Rgb c, double lw = 0.5) {
    if (!draw_) return;
    colour(c);
    cairo_set_line_width(cr_, lw);
    cairo_move_to(cr_, x0, y0);
    cairo_line_to(cr_, x1, y1);
    cairo_stroke(cr_);
  }

  void footer() {
    if (!draw_) return;
    const double y = height_ - kMargin - 9;
    rule(left_, y - 3, right_, y - 3, kRule);
    line(kSmall, left_, y, content_width() * 0.7,
         report_.title + " · " + report_.department + " · data as of " + report_.as_of, Align::kLeft, kGrey);
    const std::string n = "page " + std::to_string(page_) + (total_pages_ > 0 ? " of " + std::to_string(total_pages_) : "");
    line(kSmall, right_, y, 0, n, Align::kRight, kGrey);
  }
  void end_page() {
    footer();
    if (draw_) cairo_show_page(cr_);
    ++page_;
    y_ = top_;
  }
  // Room for `h` more points on this page, else a new page.
  void ensure(double h) {
    if (y_ + h > bottom_ && y_ > top_) end_page();
  }

  void title_block() {
    y_ += line(kTitle, left_, y_, content_width(), report_.title) + 4;
    y_ += line(kBody, left_, y_, content_width(),
               "Department: " + report_.department + "    Data as of: " + report_.as_of + "    Generated: " + generated_ +
                   "    Tool: " + report_.tool) + 2;
    if (!report_.deletions_reconciled.empty()) {
      y_ += line(kBody, left_, y_, content_width(), "Deletions reconciled: " + deletions_reconciled_label(report_)) + 2;
    }
    if (const std::string warning = deletions_reconciliation_warning(report_); !warning.empty()) {
      y_ += paragraph(kBold, left_, y_, content_width(), warning, status_rgb(Status::kRed)) + 2;
    }
    std::string params;
    for (const ReportParam& p : report_.params)
      params += (params.empty() ? "" : ", ") + p.name + " = " + (p.value.empty() ? "(default)" : p.value);
    y_ += paragraph(kBody, left_, y_, content_width(), "Parameters: " + (params.empty() ? std::string("(defaults)") : params), kGrey);
    y_ += 6;
    rule(left_, y_, right_, y_, kBlack, 0.8);
    y_ += kGap;
  }

  void panel_heading(const Panel& p, double first_content) {
    const bool was = draw_;
    draw_ = false;
    double h = line(kHeading, left_, y_, content_width(), p.title) + 3;
    if (!p.description.empty()) h += paragraph(kSmall, left_, y_, content_width(), p.description) + 3;
    draw_ = was;
    ensure(h + first_content);
    y_ += line(kHeading, left_, y_, content_width(), p.title) + 3;
    if (!p.description.empty()) y_ += paragraph(kSmall, left_, y_, content_width(), p.description, kGrey) + 3;
  }
  void continued(const Panel& p) { y_ += line(kBold, left_, y_, content_width(), p.title + " (continued)", Align::kLeft, kGrey) + 3; }

  void panel(const Panel& p) {
    switch (p.kind) {
      case PanelKind::kKpis: kpis(p); break;
      case PanelKind::kTable: table(p); break;
      case PanelKind::kTimeseries:
      case PanelKind::kBar: chart(p); break;
      case PanelKind::kHeatmap:
      case PanelKind::kEntry: heatmap(p); break;
      case PanelKind::kScatter: scatter(p); break;
      case PanelKind::kDistribution: distribution(p); break;
      case PanelKind::kAlerts: alerts(p); break;
      case PanelKind::kText:
        panel_heading(p, 12);
        flow_paragraph(kBody, p.text);
        break;
    }
    y_ += kGap * 1.5;
  }

  void kpis(const Panel& p) {
    constexpr double kTileW = 170, kTileH = 54;
    const int per_row = std::max(1, int((content_width() + kGap) / (kTileW + kGap)));
    const double w = (content_width() - kGap * (per_row - 1)) / per_row;
    panel_heading(p, kTileH);
    for (size_t i = 0; i < p.kpis.size(); i += per_row) {
      ensure(kTileH);
      for (size_t j = i; j < std::min(p.kpis.size(), i + per_row); ++j) {
        const KpiTile& k = p.kpis[j];
        const double x = left_ + (j - i) * (w + kGap);
        stroke_rect(x, y_, w, kTileH, kRule);
        fill(x, y_, 4, kTileH, status_rgb(k.status));
        line(kSmall, x + 9, y_ + 5, w - 14, k.label, Align::kLeft, kGrey);
        std::string value = format_cell(k.value, k.type, k.currency, k.unit);
        if (value.empty()) value = "–";
        line(kValue, x + 9, y_ + 16, w - 14, value);
        std::string note = k.note;
        if (k.status != Status::kNone) note = std::string(to_string(k.status)) + (note.empty() ? "" : ": " + note);
        if (!note.empty()) line(kSmall, x + 9, y_ + 38, w - 14, note, Align::kLeft, kGrey);
      }
      y_ += kTileH + kGap;
    }
    if (p.kpis.empty()) y_ += line(kBody, left_, y_, 0, "(no figures)", Align::kLeft, kGrey);
  }

  // Column widths: the data's widest text (of the first rows) first, then
  // what is left to the headers, all fitted to the page. Data wider than the
  // page shrinks (cells ellipsised); headers wrap onto a second line.
  std::vector<double> column_widths(const std::vector<std::string>& header, const std::vector<std::string>& widest) {
    const size_t n = header.size();
    std::vector<double> data(n), want(n);
    double data_sum = 0, want_sum = 0;
    for (size_t c = 0; c < n; ++c) {
      data[c] = std::max(std::min(text_width(kBody, widest[c]), 260.0) + 8, 24.0);
      want[c] = std::max(data[c], std::min(text_width(kBold, header[c]), 120.0) + 8);
      data_sum += data[c];
      want_sum += want[c];
    }
    const double cw = content_width();
    std::vector<double> w(n);
    for (size_t c = 0; c < n; ++c) {
      if (want_sum <= cw) w[c] = want[c] * cw / want_sum;
      else if (data_sum <= cw) w[c] = data[c] + (want[c] - data[c]) * (cw - data_sum) / (want_sum - data_sum);
      else w[c] = data[c] * cw / data_sum;
    }
    return w;
  }

  // The header row's height: two lines when a label does not fit on one.
  double header_height(const std::vector<std::string>& header, const std::vector<double>& w) {
    for (size_t c = 0; c < header.size(); ++c)
      if (text_width(kBold, header[c]) > w[c] - 6) return kHeaderHeight + 10;
    return kHeaderHeight;
  }

  void table_header(const std::vector<std::string>& header, const std::vector<double>& w, const std::vector<bool>& right,
                    double height) {
    fill(left_, y_, content_width(), height, kHeaderFill);
    double x = left_;
    if (draw_) {
      PangoLayout* l = layouts_[kBold];
      for (size_t c = 0; c < header.size(); ++c) {
        pango_layout_set_width(l, int((w[c] - 6) * PANGO_SCALE));
        pango_layout_set_height(l, height > kHeaderHeight ? -2 : -1);  // at most two lines
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        pango_layout_set_single_paragraph_mode(l, false);
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(l, right[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        pango_layout_set_text(l, header[c].data(), int(header[c].size()));
        colour(kBlack);
        cairo_move_to(cr_, x + 3, y_ + 3);
        pango_cairo_show_layout(cr_, l);
        x += w[c];
      }
      pango_layout_set_height(l, -1);
    }
    y_ += height;
  }

  void table(const Panel& p) {
    const TableData& t = p.table;
    std::vector<std::string> header;
    std::vector<bool> right;
    std::vector<std::string> widest;
    for (const Column& c : t.columns) {
      header.push_back(c.label);
      right.push_back(is_numeric(c.type));
      widest.emplace_back();
    }
    for (size_t r = 0; r < std::min<size_t>(t.rows.size(), 300); ++r) {
      for (size_t c = 0; c < t.columns.size() && c < t.rows[r].size(); ++c) {
        const Column& col = t.columns[c];
        std::string s = format_column_cell(t.rows[r][c], col);
        if (s.size() > widest[c].size()) widest[c] = std::move(s);
      }
    }
    panel_heading(p, kHeaderHeight + 10 + kRowHeight);
    if (t.columns.empty()) return;
    const std::vector<double> w = column_widths(header, widest);
    const double head_h = header_height(header, w);
    table_header(header, w, right, head_h);
    if (t.rows.empty()) y_ += line(kBody, left_ + 3, y_ + 2, 0, "(no rows)", Align::kLeft, kGrey) + 4;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (y_ + kRowHeight > bottom_) {
        end_page();
        continued(p);
        table_header(header, w, right, head_h);
      }
      if (!draw_) {
        y_ += kRowHeight;
        continue;
      }
      if (r % 2 == 1) fill(left_, y_, content_width(), kRowHeight, kZebra);
      double x = left_;
      for (size_t c = 0; c < t.columns.size(); ++c) {
        if (c < t.rows[r].size()) {
          const Column& col = t.columns[c];
          const std::string s = format_column_cell(t.rows[r][c], col);
          if (!s.empty()) line(kBody, x + 3, y_ + 2, w[c] - 6, s, right[c] ? Align::kRight : Align::kLeft);
        }
        x += w[c];
      }
      y_ += kRowHeight;
    }
    rule(left_, y_, right_, y_, kRule);
  }

  // A row of coloured swatches with labels, from (left_, y_); returns its height.
  double legend(const std::vector<std::string>& labels, const std::vector<bool>& as_line) {
    double x = left_, y = y_, h = 11;
    for (size_t i = 0; i < labels.size(); ++i) {
      const double tw = std::min(text_width(kSmall, labels[i]), 200.0);
      if (x + 14 + tw > right_ && x > left_) {
        x = left_;
        y += 11;
        h += 11;
      }
      const Rgb c = kPalette[i % kPaletteSize];
      if (i < as_line.size() && as_line[i]) {
        rule(x, y + 5, x + 10, y + 5, c, 2);
      } else {
        fill(x, y + 1, 8, 8, c);
      }
      line(kSmall, x + 12, y, tw + 1, labels[i]);
      x += 12 + tw + 12;
    }
    return h;
  }

  // The y axis of a plot: grid lines and tick labels; maps values to y.
  struct Axis {
    double lo, hi, y0, y1;  // y0 the bottom (lo), y1 the top (hi)
    double at(double v) const { return y0 - (v - lo) / (hi - lo) * (y0 - y1); }
  };
  struct XAxis {
    double lo, hi, x0, x1;
    double at(double v) const { return x0 + (v - lo) / (hi - lo) * (x1 - x0); }
  };
  void y_axis(const Axis& a, const std::vector<double>& tv, double x0, double x1, ValueType type, const std::string& cur,
              const std::string& unit) {
    for (double v : tv) {
      const double y = a.at(v);
      rule(x0, y, x1, y, v == 0 ? kGrey : Rgb{0.88, 0.88, 0.88}, 0.5);
      line(kSmall, x0 - 4, y - 4.5, 0, axis_label(v, type, cur, unit), Align::kRight, kGrey);
    }
    rule(x0, a.y0, x0, a.y1, kBlack, 0.6);
  }
  void x_axis(const XAxis& a, const std::vector<double>& tv, double y0, double y1, ValueType type, const std::string& unit) {
    for (double v : tv) {
      const double x = a.at(v);
      rule(x, y0, x, y1, v == 0 ? kGrey : Rgb{0.88, 0.88, 0.88}, 0.5);
      line(kSmall, x, y0 + 2, 0, axis_label(v, type, "", unit), Align::kCenter, kGrey);
    }
    rule(a.x0, y0, a.x1, y0, kBlack, 0.6);
  }

  void chart(const Panel& p) {
    constexpr double kChartH = 220;
    const SeriesData& s = p.series;
    panel_heading(p, kChartH);
    ensure(kChartH);
    const double top = y_;
    std::vector<std::string> labels;
    std::vector<bool> as_line;
    for (const Series& se : s.series) {
      labels.push_back(se.label);
      as_line.push_back(p.kind == PanelKind::kTimeseries || se.draw == "line");
    }
    const double lh = legend(labels, as_line) + 6;
    y_ = top + kChartH;
    if (!draw_) return;
    double lo = 0, hi = 0;
    bool any = false;
    for (const Series& se : s.series)
      for (const Cell& c : se.values)
        if (auto v = number(c)) {
          lo = any ? std::min(lo, *v) : std::min(0.0, *v);
          hi = any ? std::max(hi, *v) : std::max(0.0, *v);
          any = true;
        }
    const ValueType type = s.series.empty() ? ValueType::kNumber : s.series[0].type;
    const std::string cur = s.series.empty() ? "" : s.series[0].currency, unit = s.series.empty() ? "" : s.series[0].unit;
    const std::vector<double> tv = ticks(lo, hi);
    const double x0 = left_ + 64, x1 = right_ - 6;
    const Axis ya{lo, hi, top + kChartH - 30, top + lh};
    y_axis(ya, tv, x0, x1, type, cur, unit);
    const size_t n = s.x.size();
    if (n == 0) return;
    const double band = (x1 - x0) / double(n);
    // x labels: as many as fit.
    const size_t every = std::max<size_t>(1, size_t(std::ceil(n * 56.0 / (x1 - x0))));
    for (size_t i = 0; i < n; i += every)
      line(kSmall, x0 + (i + 0.5) * band - band * every / 2, ya.y0 + 3, band * every, s.x[i], Align::kCenter, kGrey);
    line(kSmall, (x0 + x1) / 2, ya.y0 + 15, 0, s.x_label, Align::kCenter, kGrey);
    // Bars first (grouped), lines over them.
    std::vector<size_t> bars;
    for (size_t k = 0; k < s.series.size(); ++k)
      if (!as_line[k]) bars.push_back(k);
    const double bw = bars.empty() ? 0 : band * 0.8 / double(bars.size());
    for (size_t b = 0; b < bars.size(); ++b) {
      const Series& se = s.series[bars[b]];
      colour(kPalette[bars[b] % kPaletteSize]);
      for (size_t i = 0; i < n && i < se.values.size(); ++i) {
        const auto v = number(se.values[i]);
        if (!v) continue;
        const double y = ya.at(*v), y0 = ya.at(0);
        cairo_rectangle(cr_, x0 + i * band + band * 0.1 + b * bw, std::min(y, y0), bw, std::abs(y0 - y));
      }
      cairo_fill(cr_);
    }
    for (size_t k = 0; k < s.series.size(); ++k) {
      if (!as_line[k]) continue;
      const Series& se = s.series[k];
      colour(kPalette[k % kPaletteSize]);
      cairo_set_line_width(cr_, 1.4);
      bool pen = false;
      for (size_t i = 0; i < n && i < se.values.size(); ++i) {
        const auto v = number(se.values[i]);
        if (!v) {
          pen = false;
          continue;
        }
        const double x = x0 + (i + 0.5) * band, y = ya.at(*v);
        if (pen) cairo_line_to(cr_, x, y); else cairo_move_to(cr_, x, y);
        pen = true;
      }
      cairo_stroke(cr_);
      if (n <= 60) {  // points, so that a lone value shows
        for (size_t i = 0; i < n && i < se.values.size(); ++i)
          if (const auto v = number(se.values[i])) {
            cairo_arc(cr_, x0 + (i + 0.5) * band, ya.at(*v), 1.6, 0, 2 * M_PI);
            cairo_fill(cr_);
          }
      }
    }
  }

  void heatmap(const Panel& p) {
    const HeatmapData& h = p.heatmap;
    const double label_w = 110;
    const size_t nx = h.x.size();
    const double cell_w = nx ? std::min(48.0, (content_width() - label_w) / double(nx)) : 0;
    double lo = 0, hi = 0;
    bool any = false;
    for (const auto& row : h.values)
      for (const Cell& c : row)
        if (auto v = number(c)) {
          lo = any ? std::min(lo, *v) : *v;
          hi = any ? std::max(hi, *v) : *v;
          any = true;
        }
    auto fill_of = [&](double v) -> Rgb {
      if (h.palette == "status") return status_rgb(v >= 2 ? Status::kRed : v >= 1 ? Status::kYellow : Status::kGreen);
      const double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
      return heat(h.palette == "scarcity" ? 1 - t : t);
    };
    auto header = [&] {
      line(kSmall, left_, y_ + 2, label_w - 4, h.y_label + " \\ " + h.x_label, Align::kLeft, kGrey);
      for (size_t x = 0; x < nx; ++x) line(kSmall, left_ + label_w + x * cell_w, y_ + 2, cell_w - 1, h.x[x], Align::kCenter);
      y_ += kHeaderHeight - 2;
    };
    panel_heading(p, 2 * kHeaderHeight + kRowHeight);
    std::string key = h.value_label.empty() ? "" : h.value_label + ": ";
    if (h.palette == "status") key += "green ok, yellow warn, red bad";
    else if (any) key += (h.palette == "scarcity" ? "low (hot) " : "low (calm) ") + axis_label(lo, ValueType::kNumber, "", "") +
                         " to " + axis_label(hi, ValueType::kNumber, "", "") + (h.palette == "scarcity" ? " high (calm)" : " high (hot)");
    if (p.kind == PanelKind::kEntry) key += (key.empty() ? "" : "; ") + std::string("an editable grid on the page: the values as saved");
    if (!key.empty()) y_ += line(kSmall, left_, y_, content_width(), key, Align::kLeft, kGrey) + 3;
    header();
    for (size_t yi = 0; yi < h.y.size(); ++yi) {
      if (y_ + kRowHeight > bottom_) {
        end_page();
        continued(p);
        header();
      }
      if (draw_) {
        line(kSmall, left_, y_ + 2.5, label_w - 4, h.y[yi]);
        for (size_t x = 0; x < nx && yi < h.values.size() && x < h.values[yi].size(); ++x) {
          const Cell& c = h.values[yi][x];
          const double cx = left_ + label_w + x * cell_w;
          if (const auto v = number(c)) {
            fill(cx, y_, cell_w - 1, kRowHeight - 1, fill_of(*v));
            if (cell_w >= 16) line(kSmall, cx, y_ + 2.5, cell_w - 1, format_cell(c, ValueType::kNumber, "", ""), Align::kCenter);
          } else {
            stroke_rect(cx + 0.25, y_ + 0.25, cell_w - 1.5, kRowHeight - 1.5, {0.85, 0.85, 0.85}, 0.5);
          }
        }
      }
      y_ += kRowHeight;
    }
  }

  void scatter(const Panel& p) {
    constexpr double kPlotH = 280;
    const ScatterData& s = p.scatter;
    panel_heading(p, kPlotH);
    ensure(kPlotH);
    const double top = y_;
    std::vector<std::string> groups;
    for (const ScatterPoint& pt : s.points)
      if (!pt.group.empty() && std::find(groups.begin(), groups.end(), pt.group) == groups.end()) groups.push_back(pt.group);
    const double lh = groups.empty() ? 0 : legend(groups, {}) + 6;
    y_ = top + kPlotH;
    if (!draw_) return;
    double xlo = s.x_split, xhi = s.x_split, ylo = s.y_split, yhi = s.y_split, smax = 0;
    for (const ScatterPoint& pt : s.points) {
      xlo = std::min(xlo, pt.x), xhi = std::max(xhi, pt.x), ylo = std::min(ylo, pt.y), yhi = std::max(yhi, pt.y);
      smax = std::max(smax, pt.size);
    }
    const std::vector<double> ytv = ticks(ylo, yhi), xtv = ticks(xlo, xhi);
    const double x0 = left_ + 64, x1 = right_ - 10;
    const Axis ya{ylo, yhi, top + kPlotH - 34, top + lh};
    const XAxis xa{xlo, xhi, x0, x1};
    y_axis(ya, ytv, x0, x1, ValueType::kNumber, "", "");
    x_axis(xa, xtv, ya.y0, ya.y1, ValueType::kNumber, "");
    line(kSmall, (x0 + x1) / 2, ya.y0 + 14, 0, s.x_label, Align::kCenter, kGrey);
    cairo_save(cr_);
    cairo_translate(cr_, left_ + 6, (ya.y0 + ya.y1) / 2);
    cairo_rotate(cr_, -M_PI / 2);
    line(kSmall, 0, 0, 0, s.y_label, Align::kCenter, kGrey);
    cairo_restore(cr_);
    // Quadrant lines and names.
    const double dash[] = {3, 2};
    cairo_set_dash(cr_, dash, 2, 0);
    rule(xa.at(s.x_split), ya.y0, xa.at(s.x_split), ya.y1, kGrey, 0.7);
    rule(x0, ya.at(s.y_split), x1, ya.at(s.y_split), kGrey, 0.7);
    cairo_set_dash(cr_, nullptr, 0, 0);
    if (s.quadrants.size() == 4) {
      line(kSmall, x1 - 4, ya.y1 + 2, 0, s.quadrants[0], Align::kRight, kGrey);
      line(kSmall, x0 + 4, ya.y1 + 2, 0, s.quadrants[1], Align::kLeft, kGrey);
      line(kSmall, x0 + 4, ya.y0 - 11, 0, s.quadrants[2], Align::kLeft, kGrey);
      line(kSmall, x1 - 4, ya.y0 - 11, 0, s.quadrants[3], Align::kRight, kGrey);
    }
    for (const ScatterPoint& pt : s.points) {
      const size_t g = size_t(std::find(groups.begin(), groups.end(), pt.group) - groups.begin());
      const Rgb c = kPalette[(pt.group.empty() ? 0 : g) % kPaletteSize];
      const double r = smax > 0 ? 2 + 6 * std::sqrt(std::max(0.0, pt.size) / smax) : 2.5;
      cairo_set_source_rgba(cr_, c.r, c.g, c.b, 0.75);
      cairo_arc(cr_, xa.at(pt.x), ya.at(pt.y), r, 0, 2 * M_PI);
      cairo_fill(cr_);
    }
    if (s.points.size() <= 30)
      for (const ScatterPoint& pt : s.points) line(kSmall, xa.at(pt.x) + 5, ya.at(pt.y) - 4, 120, pt.label);
  }

  void distribution(const Panel& p) {
    constexpr double kBoxRow = 20, kAxisH = 16;
    const DistributionData& d = p.distribution;
    double lo = 0, hi = 0;
    for (size_t i = 0; i < d.groups.size(); ++i) {
      lo = i ? std::min(lo, d.groups[i].min) : d.groups[i].min;
      hi = i ? std::max(hi, d.groups[i].max) : d.groups[i].max;
    }
    const std::vector<double> tv = ticks(lo, hi);
    const double x0 = left_ + 150, x1 = right_ - 10;
    const XAxis xa{lo, hi, x0, x1};
    panel_heading(p, kBoxRow + kAxisH);
    y_ += line(kSmall, left_, y_, content_width(),
               "Box: 25th to 75th percentile, bar: median, whiskers: min to max, tick: 95th percentile, dot: mean" +
                   (d.unit.empty() ? std::string() : " (" + d.unit + ")"),
               Align::kLeft, kGrey) + 3;
    size_t i = 0;
    while (i < d.groups.size()) {
      ensure(kBoxRow + kAxisH);
      const double chunk_top = y_;
      for (; i < d.groups.size() && y_ + kBoxRow + kAxisH <= bottom_; ++i) {
        const DistributionGroup& g = d.groups[i];
        if (draw_) {
          line(kSmall, left_, y_ + 2, 146, g.label);
          line(kSmall, left_, y_ + 10, 146, "n = " + format_cell(g.n, ValueType::kInt, "", "") + ", median " +
                                               axis_label(g.median, ValueType::kNumber, "", d.unit), Align::kLeft, kGrey);
          const double mid = y_ + kBoxRow / 2;
          rule(xa.at(g.min), mid, xa.at(g.max), mid, kGrey, 0.8);
          rule(xa.at(g.min), mid - 4, xa.at(g.min), mid + 4, kGrey, 0.8);
          rule(xa.at(g.max), mid - 4, xa.at(g.max), mid + 4, kGrey, 0.8);
          fill(xa.at(g.p25), mid - 6, std::max(0.5, xa.at(g.p75) - xa.at(g.p25)), 12, {0.68, 0.80, 0.92});
          stroke_rect(xa.at(g.p25), mid - 6, std::max(0.5, xa.at(g.p75) - xa.at(g.p25)), 12, kPalette[0], 0.6);
          rule(xa.at(g.median), mid - 6, xa.at(g.median), mid + 6, kBlack, 1.4);
          rule(xa.at(g.p95), mid - 3, xa.at(g.p95), mid + 3, kPalette[3], 1.2);
          colour(kPalette[1]);
          cairo_arc(cr_, xa.at(g.mean), mid, 2, 0, 2 * M_PI);
          cairo_fill(cr_);
        }
        y_ += kBoxRow;
      }
      if (draw_) {
        for (double v : tv) rule(xa.at(v), chunk_top, xa.at(v), y_, {0.9, 0.9, 0.9}, 0.4);
        x_axis(xa, tv, y_, y_, ValueType::kNumber, d.unit);
      }
      y_ += kAxisH;
    }
  }

  void alerts(const Panel& p) {
    panel_heading(p, 14);
    if (p.alerts.empty()) y_ += line(kBody, left_, y_, 0, "(none)", Align::kLeft, kGrey) + 2;
    for (const Alert& a : p.alerts) {
      std::string sev = to_string(a.severity);
      for (char& c : sev) c = char(std::toupper(static_cast<unsigned char>(c)));
      const bool was = draw_;
      draw_ = false;
      const double h = paragraph(kBold, left_ + 56, y_, content_width() - 56, a.title) +
                       (a.detail.empty() ? 0 : paragraph(kBody, left_ + 56, y_, content_width() - 56, a.detail));
      draw_ = was;
      ensure(h + 4);
      fill(left_, y_ + 1, 48, 10, status_rgb(a.severity));
      line(kSmall, left_, y_ + 2, 48, sev, Align::kCenter, a.severity == Status::kYellow ? kBlack : Rgb{1, 1, 1});
      y_ += paragraph(kBold, left_ + 56, y_, content_width() - 56, a.title);
      if (!a.detail.empty()) y_ += paragraph(kBody, left_ + 56, y_, content_width() - 56, a.detail, kGrey);
      y_ += 4;
    }
  }

  const Report& report_;
  const std::string generated_;
  bool draw_;
  const int total_pages_;
  bool landscape_;
  double width_, height_, left_, right_, top_, bottom_, y_;
  int page_ = 1;
  std::unique_ptr<PdfDocument> doc_;
  cairo_t* cr_;
  PangoLayout* layouts_[kStyles];
};

std::string now_utc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

}  // namespace

std::string render_pdf(const Report& report) {
  const std::string generated = now_utc();
  int pages = 0;
  {
    PdfWriter count(report, generated, false, 0, nullptr);
    pages = count.run();
  }
  std::string out;
  PdfWriter writer(report, generated, true, pages, &out);
  writer.run();
  return out;
}

}  // namespace luckyhub
