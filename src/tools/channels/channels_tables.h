// The name of the channels tool's own derived table (channels_tables.cc).
#pragma once

namespace luckyhub::channels {

inline constexpr const char* kUserPayment = "channels__user_payment";

}  // namespace luckyhub::channels
