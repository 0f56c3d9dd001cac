"""PouchDB 9 with express-pouchdb, the peer the sync benchmark measures ARCO against.

``ensure_pouchdb`` installs the pinned packages of ``peer/package.json`` from the npm
registry with npm itself (node and npm from the system's packages) into a folder under
``~/.cache/arco-bench`` named after the file's hash, so later runs reuse it. The PouchDB
side runs in Node processes (``peer/pouch_peer.js``): one server (express-pouchdb on
LevelDB) for the whole run, and one client process per measured push or pull, so each run
starts cold like a desk's.

The documents are the desk's own records (``export_docs``): each record of the people's
tables as one document, with the same fields ARCO sends.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models.store import OpenStore
from sync.entities import ENTITIES, REFERENCE

PEER_DIR = Path(__file__).with_name("peer")
SCRIPT = PEER_DIR / "pouch_peer.js"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "arco-bench"
PERSON_TABLES = [name for name in ENTITIES if name not in REFERENCE]


def ensure_pouchdb() -> Path | None:
    """The folder holding ``node_modules`` with PouchDB and express-pouchdb (installed on
    first use), or None when node or npm is missing or the install failed (said why)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        print("  PouchDB peer skipped: node and npm are not installed (apt-get install nodejs npm)")
        return None
    manifest = (PEER_DIR / "package.json").read_bytes()
    folder = CACHE / f"pouchdb-{hashlib.sha256(manifest).hexdigest()[:12]}"
    if (folder / "node_modules" / "express-pouchdb").is_dir():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_bytes(manifest)
    print(f"  installing PouchDB 9 and express-pouchdb with npm into {folder} (once)")
    done = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        print("  PouchDB peer skipped: npm install failed:\n" + done.stderr[-2000:])
        return None
    return folder


def _env(folder: Path) -> dict[str, str]:
    return {**os.environ, "NODE_PATH": str(folder / "node_modules")}


@dataclass
class PeerRun:
    docs: int
    seconds: float
    load_seconds: float


@contextmanager
def pouch_server(folder: Path, data_dir: Path, port: int) -> Iterator[str]:
    """express-pouchdb on ``port``; yields its URL."""
    data_dir.mkdir(parents=True, exist_ok=True)
    log = (data_dir / "server.out").open("w")
    process = subprocess.Popen(
        ["node", str(SCRIPT), "server", str(port), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        env=_env(folder),
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "listening" not in line:
            raise RuntimeError("the PouchDB server did not start: " + line)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _client(folder: Path, *args: str) -> PeerRun:
    done = subprocess.run(
        ["node", str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env=_env(folder),
        timeout=3600,
    )
    if done.returncode != 0:
        raise RuntimeError("PouchDB client failed: " + done.stderr[-2000:])
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return PeerRun(int(found["docs"]), float(found["seconds"]), float(found["load_seconds"]))


def pouch_push(folder: Path, remote: str, docs: Path, local: Path, batch: int) -> PeerRun:
    """Load ``docs`` into a new local PouchDB (not timed), replicate it to ``remote``."""
    return _client(folder, "push", remote, str(docs), str(local), str(batch))


def pouch_pull(folder: Path, remote: str, local: Path, batch: int) -> PeerRun:
    """Replicate ``remote`` into a new local PouchDB."""
    return _client(folder, "pull", remote, str(local), str(batch))


def _wire(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def export_docs(store: OpenStore, path: Path) -> int:
    """The desk's records of people (and what hangs off them) as PouchDB documents, one
    per record with the fields ARCO sends; returns how many."""
    docs: list[dict[str, Any]] = []
    assert store.engine is not None
    with store.engine.connect() as conn:
        for name in PERSON_TABLES:
            entity = ENTITIES[name]
            for r in conn.execute(select(entity.table)).mappings():
                docs.append(
                    {
                        "_id": r["id"],
                        "entity": name,
                        "hlc": r["hlc"],
                        "origin_desk": r["origin_desk"],
                        "deleted": bool(r["deleted"]),
                        "created_at": _wire(r["created_at"]),
                        "updated_at": _wire(r["updated_at"]),
                        "data": {f: _wire(r[f]) for f in entity.fields},
                    }
                )
    path.write_text(json.dumps(docs))
    return len(docs)
