""" "Different person" decisions: two records an operator said are two human beings.

When the warning at save (:mod:`models.likely_matches`) proposes an existing person and the
operator answers "different person", the pair is recorded here and never proposed again:
neither by that warning (for instance when the new person's file is edited later) nor by
the coordinator's duplicate review (:mod:`models.duplicates`). Each decision says who made
it and when, and is written to the audit trail (ids only) for both people.

Decisions stay on this desk: the table is local, like the audit trail (a desk's "different
person" answer is about records it holds; the central server's cross-desk duplicate flags
have their own dismissal, :func:`models.duplicate_flags.dismiss`, which does sync).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from models import audit
from models.clock import utcnow
from models.errors import ValidationFailed
from models.lookup import live_person
from models.roles import Actor
from models.schema import PairDecision

DIFFERENT = "different"
ACTION = "not_same_person"  # the audit action


def ordered(a: str, b: str) -> tuple[str, str]:
    """The pair as stored: the smaller id first."""
    return (a, b) if a < b else (b, a)


def record_different(
    session: Session, actor: Actor, person_id: str, other_ids: Iterable[str]
) -> list[str]:
    """Record that ``person_id`` is not the same human being as each of ``other_ids``.

    Both must be live people (``NotFound`` otherwise); a person is never "different" from
    themselves (``ValidationFailed("other_ids", "self")``). Returns the ids newly recorded
    (a pair decided before is left as it was). Needs ``person.write``. Written in the
    caller's transaction, audited for both people.
    """
    actor.require("person.write")
    live_person(session, person_id)
    others = list(dict.fromkeys(other_ids))
    if person_id in others:
        raise ValidationFailed("other_ids", "self")
    for other in others:
        live_person(session, other)
    known = decided_with(session, person_id)
    now = utcnow()
    recorded = []
    for other in others:
        if other in known:
            continue
        a, b = ordered(person_id, other)
        session.add(
            PairDecision(
                person_a=a, person_b=b, decision=DIFFERENT, decided_by=actor.login, decided_at=now
            )
        )
        audit.record(session, actor.login, ACTION, "persons", a, f"other={b}")
        audit.record(session, actor.login, ACTION, "persons", b, f"other={a}")
        recorded.append(other)
    session.flush()
    return recorded


def decided_with(session: Session, person_id: str) -> set[str]:
    """The people ``person_id`` was said to be different from."""
    rows = session.execute(
        select(PairDecision.person_a, PairDecision.person_b).where(
            or_(PairDecision.person_a == person_id, PairDecision.person_b == person_id)
        )
    )
    return {b if a == person_id else a for a, b in rows}


def all_pairs(session: Session) -> set[tuple[str, str]]:
    """Every decided pair, smaller id first (a small table: one row per answer)."""
    return {
        (a, b) for a, b in session.execute(select(PairDecision.person_a, PairDecision.person_b))
    }


def is_decided(session: Session, a: str, b: str) -> bool:
    first, second = ordered(a, b)
    return session.get(PairDecision, (first, second)) is not None


def forget_person(session: Session, person_id: str) -> int:
    """Drop the decisions about a person (erasure); returns how many went."""
    result = session.execute(
        delete(PairDecision).where(
            or_(PairDecision.person_a == person_id, PairDecision.person_b == person_id)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
