// Checks of derived tables (warehouse/derived_table.h) for tests: whether a
// materialised table holds what its declaration selects now.
#pragma once

#include <string>

#include "warehouse/derived_table.h"

namespace luckyhub::testing {

// "" when `warehouse` holds derived table `table` materialised at its
// declaration's version, with exactly the rows its SELECT gives from the
// sources now (as multisets; lists of ids compared as sets); else what
// differs, in a line.
std::string derived_difference(Warehouse& warehouse, const DerivedTable& table);

// A declaration for tests to register: the successful payments and their
// cents per shop of sales_payment__t_trade, an additive table named
// "<database>__<name>", declared by `owner`.
DerivedTable shop_payments_declaration(const std::string& owner, const std::string& database,
                                       const std::string& name);

}  // namespace luckyhub::testing
