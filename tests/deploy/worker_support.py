"""What the background-worker test needs besides the deployment helpers: a mail server
that can be started late, and a task worker process."""

import email
import os
import signal
import socketserver
import subprocess
import sys
import threading
import time

import pytest


class _SMTPSession(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for Django's SMTP backend without TLS: every message
    is accepted and kept."""

    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 sink.test ESMTP")
        envelope = []
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 sink.test")
            elif verb == "MAIL":
                envelope = [command]
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope.append(command)
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (line := self.rfile.readline()) not in {b".\r\n", b""}:
                    # A leading dot is doubled on the wire (dot-stuffing).
                    data.append(line[1:] if line.startswith(b"..") else line)
                self.server.received.append(email.message_from_bytes(b"".join(data)))
                self.reply("250 OK: queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP and the rest
                self.reply("250 OK")


class SMTPSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), _SMTPSession)
        self.received = []

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class TaskWorker:
    """`manage.py db_worker` for both queues, as production runs it."""

    def __init__(self, env, cwd, log):
        self.env, self.cwd, self.log = env, cwd, log
        self.process = None

    def __enter__(self):
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--queue-name",
                    "default,calendar",
                    "--interval",
                    "0.5",
                    "--no-startup-delay",
                ],
                cwd=self.cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # finishes the task at hand, then stops
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def check_alive(self):
        if self.process.poll() is not None:
            pytest.fail(f"the task worker exited:\n{self.log.read_text(errors='replace')}")


def wait_for(condition, timeout, what, worker=None):
    """Poll until condition() is true; fails the test after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker:
            worker.check_alive()
        if value := condition():
            return value
        time.sleep(0.25)
    pytest.fail(f"{what}: not within {timeout} s")
