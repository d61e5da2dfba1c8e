"""A real SMTP server for the tests of `samplan skicka` (aiosmtpd), with TLS from a
certificate authority made here (trustme): implicit TLS (smtps) or STARTTLS required.
Each message accepted is written to DIR as NNN.eml. With --fail-after N the server
accepts N messages and then answers every further one with a temporary failure.
Prints "READY <port>" when it listens; stops when standard input closes."""

import argparse
import pathlib
import socket
import ssl
import sys

import trustme
from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, out, fail_after):
        self.out = out
        self.fail_after = fail_after
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.fail_after is not None and self.count >= self.fail_after:
            return "451 4.3.0 servern klarar inte fler meddelanden just nu"
        self.count += 1
        (self.out / f"{self.count:03}.eml").write_bytes(envelope.original_content or envelope.content)
        (self.out / f"{self.count:03}.rcpt").write_text("\n".join(envelope.rcpt_tos))
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--ca", required=True, help="where to write the CA certificate (PEM)")
    p.add_argument("--mode", choices=["smtps", "starttls"], default="smtps")
    p.add_argument("--fail-after", type=int)
    a = p.parse_args()
    out = pathlib.Path(a.dir)
    out.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA()
    ca.cert_pem.write_to_path(a.ca)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    port = free_port()
    handler = Keep(out, a.fail_after)
    if a.mode == "smtps":
        controller = Controller(handler, hostname="127.0.0.1", port=port, ssl_context=context)
    else:
        controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
    controller.start()
    print(f"READY {port}", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
