#!/usr/bin/python3
"""SMTP server for the reminder tests (Debian's python3-aiosmtpd; run with /usr/bin/python3).

Accepts every message and appends it to --out as one JSON line. Recipients choose faults by their local part:
  bounce...@   -> 550 5.1.1 (permanent) at RCPT
  busy...@     -> 451 4.3.0 (transient) at RCPT, every time
  flakyN...@   -> 451 4.3.0 for the first N attempts to that exact address, then accepted
With --cert/--key it speaks TLS: --tls starttls (STARTTLS required before MAIL) or --tls implicit (TLS from the
first byte, as on port 465). With --auth USER:PASSWORD it requires that sign-in (over TLS only).
Each record names the client's source port ("peer"), so a test can tell how many connections were used.
Prints "ready <port>" once it accepts connections.
"""
import argparse
import json
import re
import signal
import ssl
import sys
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, out_path):
        self.out = open(out_path, "a", encoding="utf-8", buffering=1)
        self.lock = threading.Lock()
        self.flaky_seen = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("bounce"):
            return "550 5.1.1 No such user here"
        if local.startswith("busy"):
            return "451 4.3.0 Mailbox busy, try again later"
        flaky = re.match(r"flaky(\d+)", local)
        if flaky:
            seen = self.flaky_seen.get(address.lower(), 0)
            self.flaky_seen[address.lower()] = seen + 1
            if seen < int(flaky.group(1)):
                return "451 4.3.0 Temporary failure, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.content, policy=policy.default)
        body = msg.get_body(preferencelist=("plain",))
        html = msg.get_body(preferencelist=("html",))
        record = {
            "at": time.time(),
            "from": str(msg["From"]),
            "to": envelope.rcpt_tos,
            "subject": str(msg["Subject"]),
            "reminder": msg["X-SmpAftercare-Reminder"],
            "messageId": msg["Message-ID"],
            "listUnsubscribe": msg["List-Unsubscribe"],
            "listUnsubscribePost": msg["List-Unsubscribe-Post"],
            "body": body.get_content() if body is not None else "",
            "html": html.get_content() if html is not None else None,
            "headers": list(msg.keys()),
            "peer": session.peer[1] if session.peer else 0,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
        }
        with self.lock:
            self.out.write(json.dumps(record) + "\n")
            self.out.flush()
        return "250 2.0.0 Message accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--exit-on-stdin-eof", action="store_true",
                        help="stop when the parent closes our stdin (the test process ended, however it ended)")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--tls", choices=["starttls", "implicit"])
    parser.add_argument("--auth", help="USER:PASSWORD the client must sign in with")
    args = parser.parse_args()

    options = {}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.tls == "starttls":
            options.update(tls_context=context, require_starttls=True)
        else:
            # The whole connection is TLS, which aiosmtpd's own "AUTH only over TLS" check cannot see.
            options.update(ssl_context=context, auth_require_tls=False)
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password
            return AuthResult(success=ok, handled=False, auth_data=data if ok else None)

        options.update(authenticator=authenticator, auth_required=True)

    controller = Controller(Handler(args.out), hostname="127.0.0.1", port=args.port, **options)
    controller.start()
    print(f"ready {args.port}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.exit_on_stdin_eof:
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    while not stop.wait(0.5):
        pass
    controller.stop()


if __name__ == "__main__":
    main()
