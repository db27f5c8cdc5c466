// The names of the channels tool's derived tables (channels_tables.cc).
#pragma once

namespace luckyhub::channels {

inline constexpr const char* kUserDay = "channels__user_day";
inline constexpr const char* kUserPayment = "channels__user_payment";

}  // namespace luckyhub::channels
