// A PDF drawn with cairo into a string: the stream the PDF surface writes to,
// its metadata, and the error check when it is finished. Shared by the report
// export (report/render_pdf.cc) and the staffing schedule
// (tools/staffing/staffing_pdf.cc). Includers need cairo's compile flags.
#pragma once

#include <cairo.h>

#include <string>

namespace luckyhub {

class PdfDocument {
 public:
  // Pages of width × height points; `out` receives the bytes as cairo writes
  // them (page by page), or nullptr to draw for measuring only.
  PdfDocument(double width, double height, const std::string& title, std::string* out);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  cairo_t* cr() const { return cr_; }
  // Writes the rest of the file; throws Error naming `what` if cairo failed.
  void finish(const std::string& what);

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

}  // namespace luckyhub
