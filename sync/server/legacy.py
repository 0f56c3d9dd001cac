"""Records stored before every field was validated (``sync/entities.py``) may not fit the
answers built from them: such a record is left out of an answer, never made a 500."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from pydantic import ValidationError

from sync.server.schema import Record

log = logging.getLogger(__name__)
T = TypeVar("T")


def readable(records: Iterable[Record], build: Callable[[Record], T]) -> list[T]:
    """``build`` of each record, leaving out (and logging by id) those it cannot build."""
    built: list[T] = []
    for record in records:
        try:
            built.append(build(record))
        except (ValidationError, TypeError, ValueError, AttributeError):
            log.warning("stored %s %s does not fit its answer: left out", record.entity, record.id)
    return built
