"""The desk's sync client facing a server that answers wrongly: a clear error code, nothing
written, no value from the answer in the log."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from models.schema import Meta, OutboxEntry
from models.store import DeskStore, OpenStore
from sync import client
from tests.conftest import ADMIN_PASSWORD, FAST_KDF
from tests.models.service_helpers import add_person

SECRET_VALUE = "Quintilia Ombretta Vescovi"  # what a broken answer might quote back


class _Wrong(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", 0))
        self.rfile.read(length)
        body = json.dumps({"desk": "acli", "epoch": SECRET_VALUE, "unexpected": [1]}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def wrong_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Wrong)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def enrolled(tmp_path: Path, wrong_server: str) -> Iterator[OpenStore]:
    store = DeskStore(tmp_path / "desk").create("acli", "anna", ADMIN_PASSWORD, kdf=FAST_KDF).store
    with store.session() as s:  # enrolled by hand: this server cannot enrol anybody
        for key, value in ((client.SERVER_URL, wrong_server), (client.DEVICE_ID, "d" * 36),
                           (client.SECRET, "s"), (client.CURSOR, "0")):  # fmt: skip
            s.merge(Meta(key=key, value=value))
    yield store
    store.lock(backup=False)


def test_an_answer_outside_the_protocol_is_an_error_not_a_crash(
    enrolled: OpenStore, caplog: pytest.LogCaptureFixture
) -> None:
    add_person(enrolled, enrolled.actor, given_name="Ines", family_name="Ferreira")
    caplog.set_level(logging.DEBUG)
    runner = client.SyncClient(enrolled)
    report = runner.sync()
    runner.close()
    assert not report.ok and report.error == "invalid_answer"
    assert SECRET_VALUE not in caplog.text
    with enrolled.session() as s:
        assert s.query(OutboxEntry).count() > 0  # nothing was lost
        assert s.get(Meta, client.CURSOR).value == "0"
    assert client.status(enrolled).pending > 0
