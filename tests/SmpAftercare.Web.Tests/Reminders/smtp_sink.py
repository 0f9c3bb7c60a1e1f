#!/usr/bin/python3
"""SMTP server for the reminder tests (Debian's python3-aiosmtpd; run with /usr/bin/python3).

Accepts every message and appends it to --out as one JSON line. Recipients choose faults by their local part:
  bounce...@   -> 550 5.1.1 (permanent) at RCPT
  busy...@     -> 451 4.3.0 (transient) at RCPT, every time
  flakyN...@   -> 451 4.3.0 for the first N attempts to that exact address, then accepted
Prints "ready <port>" once it accepts connections.
"""
import argparse
import json
import re
import signal
import sys
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


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
    args = parser.parse_args()

    controller = Controller(Handler(args.out), hostname="127.0.0.1", port=args.port)
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
