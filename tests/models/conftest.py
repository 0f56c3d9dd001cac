"""Fixtures shared by the service tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from models.roles import Actor
from models.store import OpenStore
from tests.conftest import add_operator
from tests.models.service_helpers import shared_store


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenStore]:
    """One store per test module for refusal tests: they leave nothing behind."""
    yield from shared_store(tmp_path_factory)


@pytest.fixture(scope="module")
def shared_operator(shared: OpenStore) -> Actor:
    return add_operator(shared, "omar", "desk_operator")
