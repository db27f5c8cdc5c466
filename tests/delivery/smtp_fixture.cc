#include "delivery/smtp_fixture.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/helper_process.h"
#include "support/shared_sim.h"  // read_file

namespace luckyhub::testing {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Header block -> map (lower-case names, folded lines joined).
std::map<std::string, std::string> parse_headers(const std::string& block) {
  std::map<std::string, std::string> out;
  std::string name;
  std::istringstream in(block);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if ((line[0] == ' ' || line[0] == '\t') && !name.empty()) {
      out[name] += " " + line.substr(line.find_first_not_of(" \t"));
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    name = lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    out[name] = value;
  }
  return out;
}

std::string decode_qp(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '=' && i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') {
      i += 2;
    } else if (in[i] == '=' && i + 1 < in.size() && in[i + 1] == '\n') {
      i += 1;
    } else if (in[i] == '=' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1]))) {
      out.push_back(static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

std::string param(const std::string& header, const std::string& name) {
  const std::string l = lower(header);
  size_t at = l.find(name + "=");
  if (at == std::string::npos) return "";
  at += name.size() + 1;
  if (header[at] == '"') return header.substr(at + 1, header.find('"', at + 1) - at - 1);
  const size_t end = header.find_first_of("; ", at);
  return header.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

void split_parts(const std::map<std::string, std::string>& headers, const std::string& body, std::vector<MailPart>& out) {
  const auto ct = headers.find("content-type");
  const std::string type = ct == headers.end() ? "text/plain" : ct->second;
  if (lower(type).rfind("multipart/", 0) == 0) {
    const std::string boundary = "--" + param(type, "boundary");
    size_t at = body.find(boundary);
    while (at != std::string::npos) {
      at += boundary.size();
      if (body.compare(at, 2, "--") == 0) break;
      const size_t next = body.find(boundary, at);
      std::string chunk = body.substr(at, next == std::string::npos ? std::string::npos : next - at);
      if (chunk.rfind("\r\n", 0) == 0) chunk.erase(0, 2);
      size_t sep = chunk.find("\r\n\r\n");
      const size_t sep_len = 4;
      const auto h = parse_headers(chunk.substr(0, sep));
      std::string b = sep == std::string::npos ? "" : chunk.substr(sep + sep_len);
      if (b.size() >= 2 && b.compare(b.size() - 2, 2, "\r\n") == 0) b.erase(b.size() - 2);
      split_parts(h, b, out);
      at = next;
    }
    return;
  }
  MailPart p;
  p.headers = headers;
  const auto enc = headers.find("content-transfer-encoding");
  const std::string e = enc == headers.end() ? "" : lower(enc->second);
  p.body = e == "base64" ? decode_base64(body) : e == "quoted-printable" ? decode_qp(body) : body;
  out.push_back(std::move(p));
}

}  // namespace

std::string decode_base64(const std::string& text) {
  std::string out;
  int bits = 0;
  uint32_t acc = 0;
  for (const char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

const MailPart& ReceivedMail::part(const std::string& type) const {
  for (const MailPart& p : parts) {
    const auto ct = p.headers.find("content-type");
    if (ct != p.headers.end() && ct->second.rfind(type, 0) == 0) return p;
  }
  throw std::runtime_error("no " + type + " part in the mail");
}

ReceivedMail parse_mail(const std::string& raw) {
  ReceivedMail m;
  m.raw = raw;
  const size_t sep = raw.find("\r\n\r\n");
  m.headers = parse_headers(raw.substr(0, sep));
  split_parts(m.headers, sep == std::string::npos ? "" : raw.substr(sep + 4), m.parts);
  return m;
}

SmtpServer::SmtpServer(int fail, const std::string& spare) {
  char tmpl[] = "/tmp/luckyhub-smtp-XXXXXX";
  dir_ = ::mkdtemp(tmpl);
  cert_ = dir_ + "/cert.pem";
  key_ = dir_ + "/key.pem";
  const std::string openssl = "openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key_ + "' -out '" + cert_ +
                              "' -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null";
  if (std::system(openssl.c_str()) != 0) throw std::runtime_error("openssl could not make a certificate");
  const std::string script = std::string(LUCKYHUB_SOURCE_DIR) + "/tests/support/smtp_server.py";
  std::vector<std::string> args = {"/usr/bin/python3", script, "--dir", dir_, "--cert", cert_, "--key", key_,
                                   "--user", kUser, "--password", kPassword};
  if (fail != 0) {
    args.push_back("--fail");
    args.push_back(std::to_string(fail));
  }
  if (!spare.empty()) {
    args.push_back("--spare");
    args.push_back(spare);
  }
  const std::string log = dir_ + "/server.log";
  pid_ = spawn_helper(args, log);
  port_ = wait_for_port_file(dir_ + "/port", 10, log);
  ::setenv("LUCKYHUB_TEST_SMTP_PASSWORD", kPassword, 1);
}

SmtpServer::~SmtpServer() {
  stop_helper(pid_);
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

delivery::SmtpSettings SmtpServer::settings() const {
  return {.url = "smtp://localhost:" + std::to_string(port_),
          .starttls = true,
          .username = kUser,
          .password_ref = "env:LUCKYHUB_TEST_SMTP_PASSWORD",
          .from = "reports@luckin.example",
          .ca_file = cert_};
}

void SmtpServer::set_fail(int code) {
  std::ofstream(dir_ + "/fail") << (code == 0 ? std::string() : std::to_string(code));
}

std::vector<ReceivedMail> SmtpServer::messages() const {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir_)) {
    if (e.path().extension() == ".eml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<ReceivedMail> out;
  for (const std::string& f : files) out.push_back(parse_mail(read_file(f)));
  return out;
}

std::vector<ReceivedMail> SmtpServer::wait_for(size_t count, double seconds) const {
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
  std::vector<ReceivedMail> m = messages();
  while (m.size() < count && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    m = messages();
  }
  return m;
}

std::string SmtpServer::auth_log() const { return read_file(dir_ + "/auth.log"); }

}  // namespace luckyhub::testing
