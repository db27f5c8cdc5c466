#!/usr/bin/python3
"""A real SMTP server for the delivery tests (Debian's python3-aiosmtpd).

    smtp_server.py --dir DIR --cert CERT --key KEY --user U --password P [--fail CODE]

Listens on 127.0.0.1 on a free port and writes the port to DIR/port once it
accepts connections. STARTTLS with the given certificate is required before
AUTH (PLAIN or LOGIN), and AUTH with the given user and password before MAIL.
Each accepted message is saved as DIR/NNN.eml (the raw DATA, with an
X-Envelope-To header first). With --fail CODE (a 4xx or 5xx), every message
is answered CODE at DATA and nothing is saved; the file DIR/fail, when it
exists, holds a code that overrides --fail at each message (so a test can
make the server fail, then recover); --spare ADDRESS exempts mail addressed
to that one address only (an owner's notice). Every AUTH attempt is appended to
DIR/auth.log as "ok USER" or "bad USER". Stops on SIGTERM.
"""
import argparse
import os
import signal
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, directory, fail, spare):
        self.dir = directory
        self.fail = fail
        self.spare = spare
        self.count = 0

    def failure(self):
        path = os.path.join(self.dir, "fail")
        if os.path.exists(path):
            with open(path) as f:
                code = f.read().strip()
            return int(code) if code else None
        return self.fail

    async def handle_DATA(self, server, session, envelope):
        code = self.failure()
        if code and not (self.spare and envelope.rcpt_tos == [self.spare]):
            return "%d Refused by the test server's fail mode" % code
        self.count += 1
        path = os.path.join(self.dir, "%03d.eml" % self.count)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            f.write(b"X-Envelope-To: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content)
        os.rename(tmp, path)
        return "250 OK saved"


class Authenticator:
    def __init__(self, directory, user, password):
        self.log = os.path.join(directory, "auth.log")
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        with open(self.log, "a") as f:
            login = auth_data.login.decode(errors="replace") if isinstance(auth_data, LoginPassword) else "?"
            f.write("%s %s %s\n" % ("ok" if ok else "bad", mechanism, login))
        return AuthResult(success=ok, handled=False)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--fail", type=int, default=None)
    p.add_argument("--spare", default=None, help="in fail mode, still accept mail to only this address")
    a = p.parse_args()
    if a.fail is not None and not 400 <= a.fail <= 599:
        sys.exit("--fail wants a 4xx or 5xx code")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    controller = Controller(
        Handler(a.dir, a.fail, a.spare),
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=Authenticator(a.dir, a.user, a.password),
        auth_required=True,
        auth_require_tls=True,
        server_hostname="localhost",
    )
    controller.start()
    with open(os.path.join(a.dir, "port.tmp"), "w") as f:
        f.write(str(port))
    os.rename(os.path.join(a.dir, "port.tmp"), os.path.join(a.dir, "port"))
    signal.sigwait([signal.SIGTERM, signal.SIGINT])
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM, signal.SIGINT])
    main()
