"""A real HTTP receiver for webhooks, listening on the loopback in a thread of the test."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from community import webhook_events
from community.models import Webhook


class Receiver:
    """Answers each POST with the next status of `statuses` (the last one repeats) and keeps
    what it received: (headers, body)."""

    def __init__(self, statuses=(200,)):
        self.statuses = list(statuses)
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.received.append((dict(self.headers), body))
                status = (
                    receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                )
                answer = b'{"ok": true}' if status < 300 else b"Receiver is down"
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}/hooks/community"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def make_receiver():
    started = []

    def make(statuses):
        running = Receiver(statuses).__enter__()
        started.append(running)
        return running

    yield make
    for running in started:
        running.__exit__(None, None, None)


@pytest.fixture
def hook_for(db):
    def make(receiver, events=None, **fields):
        return Webhook.objects.create(
            name=fields.pop("name", "Product channel"),
            url=receiver.url,
            events=list(events or webhook_events.registry.keys()),
            **fields,
        )

    return make
