#include "report/pdf_document.h"

#include <cairo-pdf.h>

#include "core/error.h"

namespace luckyhub {
namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}
cairo_status_t discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

}  // namespace

PdfDocument::PdfDocument(double width, double height, const std::string& title, std::string* out)
    : surface_(cairo_pdf_surface_create_for_stream(out ? append : discard, out, width, height)) {
  if (out) {
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "luckyhub");
  }
  cr_ = cairo_create(surface_);
}

PdfDocument::~PdfDocument() {
  cairo_destroy(cr_);
  cairo_surface_destroy(surface_);
}

void PdfDocument::finish(const std::string& what) {
  cairo_surface_finish(surface_);
  const cairo_status_t status = cairo_surface_status(surface_);
  if (status != CAIRO_STATUS_SUCCESS) throw Error(what + ": the PDF could not be drawn: " + cairo_status_to_string(status));
}

}  // namespace luckyhub
