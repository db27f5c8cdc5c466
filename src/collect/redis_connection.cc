#include "collect/redis_connection.h"

#include <cerrno>
#include <cstring>

#include "core/error.h"
#include "sources/auth_error.h"

namespace luckyhub::collect {

RedisConnection::RedisConnection(const Instance& instance, int connect_timeout_s,
                                 int read_timeout_s, bool as_loader)
    : instance_(instance), context_(nullptr, redisFree) {
  const timeval connect_timeout{connect_timeout_s, 0};
  context_.reset(redisConnectWithTimeout(instance_.host.c_str(), instance_.port, connect_timeout));
  if (!context_) fail("cannot connect", "out of memory");
  if (context_->err) fail("cannot connect", context_->errstr);
  const timeval read_timeout{read_timeout_s, 0};
  if (redisSetTimeout(context_.get(), read_timeout) != REDIS_OK)
    fail("cannot set timeout", context_->errstr);
  if (as_loader && !instance_.loader)
    fail("cannot write", "the fleet file gives it no loader account");
  const Credentials& account = as_loader ? *instance_.loader : instance_.reader;
  const std::string& password = account.password.value();
  if (password.empty()) {
    // No authentication configured: a server with requirepass answers NOAUTH.
    command({"PING"});
    return;
  }
  Command auth = {"AUTH"};
  if (!account.user.empty() && account.user != "default") auth.push_back(account.user);
  auth.push_back(password);
  append(auth);
  ReplyPtr r = read_reply("AUTH");
  // The server's error ("WRONGPASS invalid username-password pair") holds no secret.
  if (r->type == REDIS_REPLY_ERROR) {
    throw AuthError(instance_.label() + ": cannot authenticate as " + account.user + ": " + r->str);
  }
}

void RedisConnection::fail(const std::string& doing, const char* reason) {
  throw Error(instance_.label() + ": " + doing + ": " + reason);
}

void RedisConnection::append(const Command& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (const std::string& a : args) {
    argv.push_back(a.data());
    lengths.push_back(a.size());
  }
  if (redisAppendCommandArgv(context_.get(), static_cast<int>(args.size()), argv.data(),
                             lengths.data()) != REDIS_OK) {
    fail(args.empty() ? "?" : args[0], context_->errstr);
  }
  ++commands_sent_;
}

ReplyPtr RedisConnection::read_reply(const std::string& doing) {
  void* reply = nullptr;
  if (redisGetReply(context_.get(), &reply) != REDIS_OK || reply == nullptr) {
    // hiredis reports its read timeout as the socket's EAGAIN.
    const bool timed_out =
        context_->err == REDIS_ERR_IO && std::string(context_->errstr) == std::strerror(EAGAIN);
    fail(doing, timed_out ? "no answer within the read timeout" : context_->errstr);
  }
  return ReplyPtr(static_cast<redisReply*>(reply));
}

ReplyPtr RedisConnection::command(const Command& args, bool may_fail) {
  append(args);
  ReplyPtr r = read_reply(args[0]);
  if (r->type == REDIS_REPLY_ERROR) {
    // NOAUTH: the server wants a password it was not given (or no longer takes ours).
    if (std::strncmp(r->str, "NOAUTH", 6) == 0) throw AuthError(instance_.label() + ": " + args[0] + ": " + r->str);
    if (may_fail) return nullptr;
    fail(args[0], r->str);
  }
  return r;
}

std::vector<ReplyPtr> RedisConnection::pipeline(const std::vector<Command>& commands) {
  for (const Command& c : commands) append(c);
  std::vector<ReplyPtr> replies;
  replies.reserve(commands.size());
  for (const Command& c : commands) replies.push_back(read_reply(c[0]));
  return replies;
}

}  // namespace luckyhub::collect
