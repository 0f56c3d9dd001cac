"""Duplicate people flagged by the central server, for a coordinator to decide.

The server notices that two desks registered the same human being and sends a
:class:`~models.schema.DuplicateFlag` with a score, reason codes (the ones of
:mod:`models.duplicates`) and a minimal label of each person. A coordinator or an
administrator asks for a merge (naming the person who survives) or says they are not the
same person. Nothing is merged here: the flag's change travels through the outbox, the
server merges, and the moved records come back on the next pull.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.errors import NotFound, ValidationFailed
from models.roles import Actor
from models.schema import DuplicateFlag

OPEN, DISMISSED, MERGE_REQUESTED, MERGED = "open", "dismissed", "merge_requested", "merged"


@dataclass(frozen=True)
class FlagView:
    """One open duplicate flag (plain values)."""

    id: str
    person_a: str
    person_b: str
    label_a: str
    label_b: str
    score: int  # percent
    reasons: tuple[str, ...]


def open_flags(session: Session, actor: Actor) -> list[FlagView]:
    """Flags still to decide, most likely duplicates first. Needs ``duplicates.merge``."""
    actor.require("duplicates.merge")
    rows = session.scalars(
        select(DuplicateFlag)
        .where(DuplicateFlag.status == OPEN, DuplicateFlag.deleted.is_(False))
        .order_by(DuplicateFlag.score.desc(), DuplicateFlag.created_at, DuplicateFlag.id)
    )
    return [
        FlagView(
            id=f.id,
            person_a=f.person_a,
            person_b=f.person_b,
            label_a=f.label_a,
            label_b=f.label_b,
            score=f.score,
            reasons=tuple(str(r) for r in f.reasons or ()),
        )
        for f in rows
    ]


def _open_flag(session: Session, actor: Actor, flag_id: str) -> DuplicateFlag:
    actor.require("duplicates.merge")
    flag = session.get(DuplicateFlag, flag_id)
    if flag is None or flag.deleted:
        raise NotFound("duplicate_flags", flag_id)
    if flag.status != OPEN:
        raise ValidationFailed("duplicate", "already_decided")
    return flag


def request_merge(session: Session, actor: Actor, flag_id: str, survivor_id: str) -> None:
    """Ask the server to merge the pair into ``survivor_id`` (person A or person B)."""
    flag = _open_flag(session, actor, flag_id)
    if survivor_id not in (flag.person_a, flag.person_b):
        raise ValidationFailed("survivor", "not_in_pair")
    flag.status = MERGE_REQUESTED
    flag.survivor = survivor_id
    flag.decided_by = actor.login
    session.flush()


def dismiss(session: Session, actor: Actor, flag_id: str) -> None:
    """Record that the two are not the same person; the flag is not shown again."""
    flag = _open_flag(session, actor, flag_id)
    flag.status = DISMISSED
    flag.decided_by = actor.login
    session.flush()
