#!/usr/bin/env python3
# smtp-server.py
#
# Copyright 2026 The Candor authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real SMTP server on 127.0.0.1 for the publish tests (aiosmtpd 1.4).

STARTTLS is required before anything but EHLO/NOOP/QUIT, and AUTH only after
it; with --implicit-tls the socket speaks TLS from the first byte, as on port
465. Each accepted message is written to FOLDER as one JSON file: the envelope
sender, the envelope recipients and the data exactly as received. The chosen
port is printed on stdout once the server accepts connections; the server
stops when its stdin closes, so it never outlives a test that crashed.
"""

import argparse
import asyncio
import base64
import json
import logging
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.args.reject:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if self.args.stall_rcpt:
            # Hangs like an overloaded relay, so the client has to cancel.
            await asyncio.sleep(3600)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.drop_after_data:
            # The whole message arrived, then the connection goes before the
            # reply: the client cannot know whether it was accepted.
            server.transport.abort()
            return "421 never sent"
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": base64.b64encode(envelope.original_content).decode("ascii"),
        }
        name = os.path.join(self.args.folder, "message-%03d.json" % self.count)
        with open(name + ".part", "w", encoding="utf-8") as out:
            json.dump(record, out)
        # Renamed only when complete, so a reader never sees half a file.
        os.rename(name + ".part", name)
        return "250 2.0.0 Ok: queued as candor-%d" % self.count


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--user", default="candor")
    parser.add_argument("--password", default="secret")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--plain", action="store_true",
                        help="no TLS and no AUTH, like a local relay")
    parser.add_argument("--fail-auth", action="store_true")
    parser.add_argument("--reject", action="append", default=[],
                        help="answer 550 to RCPT TO this address")
    parser.add_argument("--drop-after-data", action="store_true")
    parser.add_argument("--stall-rcpt", action="store_true")
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        if args.fail_auth or not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = (auth_data.login == args.user.encode()
              and auth_data.password == args.password.encode())
        return AuthResult(success=ok, handled=False)

    handler = Handler(args)

    def factory():
        if args.plain:
            return SMTP(handler, hostname="candor-test")
        if args.implicit_tls:
            # The socket is TLS already; aiosmtpd only knows STARTTLS, so it
            # is told not to ask for it again.
            return SMTP(handler, authenticator=authenticator, auth_required=True,
                        auth_require_tls=False, hostname="candor-test")
        return SMTP(handler, authenticator=authenticator, auth_required=True,
                    tls_context=context, require_starttls=True, auth_require_tls=True,
                    hostname="candor-test")

    # aiosmtpd warns about its own use of a deprecated attribute on every AUTH.
    logging.getLogger("mail.log").setLevel(logging.ERROR)

    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(
        loop.create_server(factory, host="127.0.0.1", port=0,
                           ssl=context if args.implicit_tls else None))
    print(server.sockets[0].getsockname()[1], flush=True)

    def on_stdin():
        if not os.read(sys.stdin.fileno(), 4096):
            loop.stop()

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(main())
