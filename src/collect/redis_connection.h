// One hiredis connection to a Redis instance of the fleet file, with connect
// and read timeouts and AUTH (AUTH user password for a user other than
// "default"; without a password in the fleet file, a PING that finds out
// whether the server wants one): what the metric source and the keyspace
// sampler share.
//
// Commands go as argument vectors (binary-safe: key names are never
// formatted into a command string). pipeline() sends a batch in one write and
// reads the replies in order. Every command sent is counted, so a caller can
// hold itself to a command budget. Errors throw Error naming the instance and
// the command, never a secret; a refused login (a wrong password, NOAUTH)
// throws AuthError (sources/auth_error.h). Not thread-safe.
#pragma once

#include <hiredis/hiredis.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sources/fleet.h"

namespace luckyhub::collect {

struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

class RedisConnection {
 public:
  using Command = std::vector<std::string>;

  // Connects and authenticates with the instance's reader account; `as_loader`
  // uses the loader account instead (simulate --fleet).
  RedisConnection(const Instance& instance, int connect_timeout_s, int read_timeout_s,
                  bool as_loader = false);

  // One command. An error reply throws, unless may_fail (then nullptr).
  ReplyPtr command(const Command& args, bool may_fail = false);
  // The replies of `commands`, in order; an error reply is returned as such
  // (type REDIS_REPLY_ERROR) for the caller to judge. A broken connection throws.
  std::vector<ReplyPtr> pipeline(const std::vector<Command>& commands);

  // The connection's socket: a watchdog may shut it down to end a read that
  // takes too long (collect/deadline.h).
  int socket() const { return context_ ? context_->fd : -1; }
  // Commands sent so far on this connection.
  int64_t commands_sent() const { return commands_sent_; }
  const Instance& instance() const { return instance_; }

 private:
  [[noreturn]] void fail(const std::string& doing, const char* reason);
  void append(const Command& args);
  ReplyPtr read_reply(const std::string& doing);

  const Instance& instance_;
  std::unique_ptr<redisContext, void (*)(redisContext*)> context_;
  int64_t commands_sent_ = 0;
};

}  // namespace luckyhub::collect
