"""The same store code on an encrypted and on a plain SQLite file, for side-by-side runs."""

from __future__ import annotations

from pathlib import Path

from models import reference
from models.crypto import DEFAULT_KDF, KdfParams
from models.engine import make_engine
from models.hlc import HybridClock
from models.keyfile import KeyFile
from models.roles import Actor
from models.schema import Meta
from models.store import DeskStore, OpenStore, migrate

PASSWORD = "benchmark passphrase"
DESK = "villa-pallavicini"


def encrypted(folder: Path, kdf: KdfParams = DEFAULT_KDF) -> OpenStore:
    return DeskStore(folder, kdf=kdf).create(DESK, "bench", PASSWORD).store


def plain(folder: Path) -> OpenStore:
    """An OpenStore on plain SQLite: same schema, capture, index and services, no cipher."""
    folder.mkdir(parents=True)
    files = DeskStore(folder)
    engine = make_engine(files.db_path, None)
    migrate(engine)
    actor = Actor("bench", "admin", DESK)
    store = OpenStore(
        files=files,
        engine=engine,
        keyfile=KeyFile(store_id="plain", desk=DESK, created_at=""),
        dek=bytearray(32),
        actor=actor,
        clock=HybridClock(),
    )
    with store.session() as session:
        session.info["replicating"] = True
        session.add(Meta(key="desk", value=DESK))
        reference.seed(session)
    return store
