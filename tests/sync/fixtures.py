"""Sync fixtures (a pytest plugin registered in ``tests/conftest.py``): a real central
server process on loopback, and desks enrolled with it.

The server suite runs on SQLite and, when ``ARCO_TEST_DATABASE_URL`` names a PostgreSQL
database (CI sets it), on PostgreSQL too; without it the PostgreSQL runs are skipped with
a message that says so.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from models.roles import Actor
from models.store import DeskStore, OpenStore
from sync import client, enrolment
from sync.server import admin
from sync.server.cli import open_database
from sync.server.database import session_factory, sqlite_url
from tests.conftest import ADMIN_PASSWORD, FAST_KDF

PG_ENV = "ARCO_TEST_DATABASE_URL"
PG_URL = os.environ.get(PG_ENV, "")
STAFF_PASSWORD = "mwc staff password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@dataclass
class Central:
    """A running ``arco-central serve`` and direct access to its database for admin work."""

    url: str
    database_url: str
    data_dir: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    engine: Engine | None = None
    log: Path = field(default_factory=Path)

    def start(self) -> None:
        cmd = [
            sys.executable, "-m", "sync.server.cli", "--database-url", self.database_url,
            "serve", "--port", str(self.port), "--quiet",
        ]  # fmt: skip
        self.log = self.data_dir / "server.log"
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/v1/health", timeout=1).ok:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None:
                raise RuntimeError("central server exited: " + self.log.read_text()[-2000:])
            time.sleep(0.05)
        raise RuntimeError("central server did not start")

    def stop(self, kill: bool = False) -> None:
        if self.process is not None and self.process.poll() is None:
            if kill:
                self.process.kill()
            else:
                self.process.terminate()
            self.process.wait(timeout=15)
        self.process = None

    def restart(self) -> None:
        self.stop(kill=True)
        self.start()

    def db(self) -> Session:
        if self.engine is None:
            self.engine = open_database(self.database_url)
        return session_factory(self.engine).begin().__enter__()  # type: ignore[no-any-return]

    def run(self, work: Callable[[Session], Any]) -> Any:
        if self.engine is None:
            self.engine = open_database(self.database_url)
        with session_factory(self.engine).begin() as session:
            return work(session)

    def code(self, desk: str) -> str:
        return str(self.run(lambda s: admin.issue_code(s, desk, 1)))

    def add_staff(self, login: str, services: list[str], role: str = "mwc_staff") -> None:
        self.run(lambda s: admin.add_user(s, login, role, STAFF_PASSWORD, services))


def _central(tmp_path: Path, backend: str) -> Iterator[Central]:
    data_dir = tmp_path / "central"
    data_dir.mkdir()
    if backend == "postgresql":
        if not PG_URL:
            if os.environ.get("ARCO_REQUIRE_POSTGRES"):
                pytest.fail(f"{PG_ENV} is not set but CI requires the PostgreSQL suite")
            pytest.skip(f"PostgreSQL server tests skipped: {PG_ENV} is not set")
        reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = sqlite_url(data_dir)
    open_database(url).dispose()  # migrate before the server starts
    port = free_port()
    central = Central(f"http://127.0.0.1:{port}", url, data_dir, port)
    central.start()
    yield central
    central.stop()
    if central.engine is not None:
        central.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Central]:
    """The central server on each database backend."""
    yield from _central(tmp_path, request.param)


@pytest.fixture
def central_sqlite(tmp_path: Path) -> Iterator[Central]:
    """The central server on its embedded SQLite default (for the slower suites)."""
    yield from _central(tmp_path, "sqlite")


@dataclass
class Desk:
    """An enrolled desk: its store (admin unlocked) and a sync client."""

    store: OpenStore
    admin: Actor
    client: client.SyncClient
    recovery_key: str = ""

    def sync(self) -> client.SyncReport:
        report = self.client.sync()
        assert report.ok, report.error
        return report

    def session(self, actor: Actor | None = None) -> Any:
        return self.store.session(actor or self.admin)


@pytest.fixture
def make_desk(tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    opened: list[OpenStore] = []

    def make(central: Central, code: str = "acli", name: str = "") -> Desk:
        folder = tmp_path / f"desk-{name or code}"
        created = DeskStore(folder, kdf=FAST_KDF).create(code, "anna", ADMIN_PASSWORD)
        store = created.store
        opened.append(store)
        admin_actor = store.actor
        enrolment.enrol(store, admin_actor, central.url, central.code(code), "test desk")
        return Desk(store, admin_actor, client.SyncClient(store), created.recovery_key)

    yield make
    for store in opened:
        if not store.is_locked:
            store.lock()
