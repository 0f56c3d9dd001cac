"""Shared fixtures: real encrypted stores in temporary folders, headless Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.crypto import KdfParams
from models.roles import Actor
from models.store import DeskStore, OpenStore

# Argon2id at test strength: the production parameters are exercised by the CLI tests
# and the benchmarks; everything else would spend minutes deriving keys.
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
ADMIN_PASSWORD = "correct horse battery"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "desk"


@pytest.fixture
def store(data_dir: Path) -> Iterator[OpenStore]:
    """A fresh, unlocked store for the ACLI desk; admin ``anna``."""
    created = DeskStore(data_dir).create("acli", "anna", ADMIN_PASSWORD, kdf=FAST_KDF)
    yield created.store
    created.store.lock(backup=False)


def add_operator(store: OpenStore, login: str, role: str) -> Actor:
    """Add an operator with the test password and return them as an actor."""
    store.add_operator(login, role, ADMIN_PASSWORD, kdf=FAST_KDF)
    return Actor(login=login, role=role, desk=store.desk)


@pytest.fixture
def operator(store: OpenStore) -> Actor:
    return add_operator(store, "omar", "desk_operator")


@pytest.fixture
def advisor(store: OpenStore) -> Actor:
    return add_operator(store, "lucia", "legal_advisor")


@pytest.fixture
def coordinator(store: OpenStore) -> Actor:
    return add_operator(store, "carla", "coordinator")
