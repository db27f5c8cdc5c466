// A RowSink that takes every value and keeps none, counting the rows: the
// rows of a database not being written (simulate's fleet loader), or of a
// fuzz harness that only checks the conversion.
#pragma once

#include <cstdint>
#include <string_view>

#include "warehouse/warehouse.h"

namespace luckyhub {

class DiscardSink : public RowSink {
 public:
  using RowSink::RowSink;
  void set_int(int, int64_t) override {}
  void set_double(int, double) override {}
  void set_text(int, std::string_view) override {}
  void set_null(int) override {}
  void end_row() override { ++rows_; }
  void finish() override {}
  uint64_t rows_written() const override { return rows_; }

 private:
  uint64_t rows_ = 0;
};

}  // namespace luckyhub
