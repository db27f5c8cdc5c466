#include "access/sodium.h"

#include <sodium.h>

#include "core/error.h"

namespace luckyhub::access {

void require_sodium() {
  static const bool ready = sodium_init() >= 0;  // 0: initialised now, 1: already
  if (!ready) throw Error("libsodium cannot initialise (no random source?)");
}

}  // namespace luckyhub::access
