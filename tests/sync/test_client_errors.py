"""The desk's sync client facing a server that answers wrongly, or trouble on its own side:
a clear error code, nothing written, no value from the answer in the log."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from models.schema import Meta, OutboxEntry, SyncRun
from models.store import DeskStore, OpenStore
from sync import client, state
from sync import credential as creds
from sync.errors import DeviceRevoked, NotEnrolled, SyncError, SyncErrorCode
from sync.transport import InsecureServer, ServerError, TlsError, TransportError
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
    store = DeskStore(tmp_path / "desk", kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD).store
    with store.session() as s:  # enrolled by hand: this server cannot enrol anybody
        for key, value in ((state.SERVER_URL, wrong_server), (state.DEVICE_ID, "d" * 36),
                           (state.SECRET, "s"), (state.CURSOR, "0")):  # fmt: skip
            s.merge(Meta(key=key, value=value))
    yield store
    store.lock()


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
        assert s.get(Meta, state.CURSOR).value == "0"
    assert state.status(enrolled).pending > 0


def test_the_desk_side_error_codes_keep_their_strings() -> None:
    """``SyncReport.error`` and the sync history hold these strings, and the UI translates
    them by string (``ui.sync_messages``): a value must never change."""
    assert {code.value for code in SyncErrorCode} == {
        "offline", "tls_error", "server_busy", "insecure_server", "not_enrolled",
        "device_revoked", "credential_unavailable", "invalid_answer", "internal",
    }  # fmt: skip
    for error, code in (
        (TransportError, "offline"),
        (TlsError, "tls_error"),
        (ServerError, "server_busy"),
        (InsecureServer, "insecure_server"),
        (NotEnrolled, "not_enrolled"),
        (DeviceRevoked, "device_revoked"),
        (creds.CredentialUnavailable, "credential_unavailable"),
    ):
        assert issubclass(error, SyncError) and error("x").code == code


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("meta", "code"),
    [
        ({}, "not_enrolled"),
        ({state.DEVICE_ID: "d" * 36, state.REVOKED: "1"}, "device_revoked"),
        (
            {state.DEVICE_ID: "d" * 36, state.SECRET: "s", state.SERVER_URL: "http://example.org"},
            "insecure_server",
        ),
        ({state.DEVICE_ID: "d" * 36, state.SECRET: "s"}, "offline"),
    ],
)
def test_desk_side_trouble_is_reported_as_its_plain_code(
    tmp_path: Path, meta: dict[str, str], code: str
) -> None:
    store = DeskStore(tmp_path / "desk", kdf=FAST_KDF).create("acli", "anna", ADMIN_PASSWORD).store
    try:
        with store.session() as s:
            s.merge(Meta(key=state.SERVER_URL, value=f"http://127.0.0.1:{_closed_port()}"))
            for key, value in meta.items():
                s.merge(Meta(key=key, value=value))
        runner = client.SyncClient(store)
        report = runner.sync()
        runner.close()
        assert not report.ok and report.error == code and type(report.error) is str
        with store.session() as s:
            [run] = s.scalars(select(SyncRun))
            assert run.error == code
    finally:
        store.lock()
