"""Duplicate people flagged by the central server, for a coordinator to decide.

The server notices that two desks registered the same human being and sends a
:class:`~models.schema.DuplicateFlag` with a score and reason codes (the ones of
:mod:`models.duplicates`). The flag carries no identifying label of the other desk's
person until the merge is done (the server sends ``""``): this desk shows its own person's
name from its own store, and only "registered at another desk" for the other.

A merge needs the approval of *both* people's owning desks (or one desk and an MWC
coordinator on the central side) and the sharing consent of the people. A coordinator or an
administrator here approves the merge (naming the person who survives) or says they are not
the same person; each decision is one write of the flag's ``status`` and ``survivor``, which
travels through the outbox. The server keeps the approvals, writes their parties into
``decided_by`` (space-separated desk codes, or ``central``), and once everyone it needs has
approved it merges; the moved records come back on the next pull. Flag statuses: ``open``,
``merge_requested`` (at least one party approved, waiting for the other), ``merged``,
``dismissed``. Nothing is merged here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.consent import SHARING, active_consent
from models.errors import ConsentRequired, NotFound, ValidationFailed
from models.referrals import display_name
from models.roles import Actor
from models.schema import DuplicateFlag, Person

OPEN, DISMISSED, MERGE_REQUESTED, MERGED = "open", "dismissed", "merge_requested", "merged"
UNDECIDED = (OPEN, MERGE_REQUESTED)
CENTRAL = "central"  # the party name of an MWC coordinator in ``decided_by``


@dataclass(frozen=True)
class FlagView:
    """One flag still to decide (plain values).

    ``label_a``/``label_b``: the server's label, or this desk's own person's name and birth
    year; ``""`` for a person this desk does not hold (registered at another desk).
    """

    id: str
    person_a: str
    person_b: str
    label_a: str
    label_b: str
    score: int  # percent
    reasons: tuple[str, ...]
    status: str  # open or merge_requested
    survivor: str | None
    approved_by: tuple[str, ...]  # parties that approved: desk codes, or "central"
    awaiting_other: bool  # this desk approved already: waiting for the other party


def _held(session: Session, person_id: str) -> Person | None:
    """The person when this desk holds them (present, not tombstoned, not erased)."""
    person = session.get(Person, person_id)
    if person is None or person.deleted or person.erased_at is not None:
        return None
    return person


def _label(session: Session, sent: str, person_id: str) -> str:
    if sent:
        return sent
    person = _held(session, person_id)
    if person is None:
        return ""
    year = person.birth_year or (person.birth_date.year if person.birth_date else None)
    name = display_name(person)
    return f"{name} ({year})" if year else name


def approved_by(flag: DuplicateFlag) -> tuple[str, ...]:
    """The parties that approved the merge (only while it waits for the others)."""
    if flag.status != MERGE_REQUESTED:
        return ()
    return tuple(flag.decided_by.split())


def open_flags(session: Session, actor: Actor) -> list[FlagView]:
    """Flags still to decide (open, or approved by one party), most likely duplicates first.

    Needs ``duplicates.merge``.
    """
    actor.require("duplicates.merge")
    rows = session.scalars(
        select(DuplicateFlag)
        .where(DuplicateFlag.status.in_(UNDECIDED), DuplicateFlag.deleted.is_(False))
        .order_by(DuplicateFlag.score.desc(), DuplicateFlag.created_at, DuplicateFlag.id)
    )
    views = []
    for f in rows:
        parties = approved_by(f)
        views.append(
            FlagView(
                id=f.id,
                person_a=f.person_a,
                person_b=f.person_b,
                label_a=_label(session, f.label_a, f.person_a),
                label_b=_label(session, f.label_b, f.person_b),
                score=f.score,
                reasons=tuple(str(r) for r in f.reasons or ()),
                status=f.status,
                survivor=f.survivor if f.status == MERGE_REQUESTED else None,
                approved_by=parties,
                awaiting_other=actor.desk in parties,
            )
        )
    return views


def _undecided_flag(session: Session, actor: Actor, flag_id: str) -> DuplicateFlag:
    actor.require("duplicates.merge")
    flag = session.get(DuplicateFlag, flag_id) if isinstance(flag_id, str) else None
    if flag is None or flag.deleted:
        raise NotFound("duplicate_flags", flag_id)
    if flag.status not in UNDECIDED:
        raise ValidationFailed("duplicate", "already_decided")
    return flag


def request_merge(session: Session, actor: Actor, flag_id: str, survivor_id: str) -> None:
    """Approve merging the pair into ``survivor_id`` (person A or person B).

    Allowed on an open flag, or on one another party approved (then ``survivor_id`` must be
    the survivor they chose: ``ValidationFailed("survivor", "differs")``). Refused when this
    desk approved already (``ValidationFailed("duplicate", "already_approved")``) or the
    flag was decided (``already_decided``). The person of the pair this desk holds must have
    an active "sharing" consent (``ConsentRequired``), as for a referral: the merge shares
    their file with the other desk. ``decided_by`` gets this desk's code added, as the
    server will write it.
    """
    flag = _undecided_flag(session, actor, flag_id)
    parties = approved_by(flag)
    if actor.desk in parties:
        raise ValidationFailed("duplicate", "already_approved")
    if survivor_id not in (flag.person_a, flag.person_b):
        raise ValidationFailed("survivor", "not_in_pair")
    if flag.status == MERGE_REQUESTED and flag.survivor and survivor_id != flag.survivor:
        raise ValidationFailed("survivor", "differs")
    held = [p for p in (flag.person_a, flag.person_b) if _held(session, p) is not None]
    if not held or any(active_consent(session, p, SHARING) is None for p in held):
        raise ConsentRequired(SHARING)
    flag.status = MERGE_REQUESTED
    flag.survivor = survivor_id
    flag.decided_by = " ".join(sorted({*parties, actor.desk}))[:64]
    session.flush()


def dismiss(session: Session, actor: Actor, flag_id: str) -> None:
    """Record that the two are not the same person (also after the other party approved):
    the flag is not shown again, and the approvals are dropped."""
    flag = _undecided_flag(session, actor, flag_id)
    flag.status = DISMISSED
    if flag.survivor is not None:
        flag.survivor = None
    flag.decided_by = actor.desk
    session.flush()
