"""Approving the merge of two people flagged as one: both owning desks, or one owning desk
and an MWC coordinator, must agree before either desk receives the other's file.

A desk's decision on a duplicate flag is a command (``status = merge_requested`` with a
survivor, or ``dismissed``). The server keeps each party's approval in
``merge_approvals``, writes the parties into the flag's ``decided_by`` (space-separated:
desk codes, or ``central``), audits every decision, and reports when the approvals are
complete so the merge runs (``sync.server.duplicates.merge``). A merge also needs the
sharing consent of both people (checked as decisions arrive, see ``sync.server.merge``).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models.consent import SHARING
from sync.protocol import StaffDuplicate
from sync.server import audit
from sync.server.errors import Forbidden, NotFound, Refused
from sync.server.legacy import readable
from sync.server.schema import Device, MergeApproval, Record, StaffUser
from sync.server.writes import Draft, Writer, save, utcnow

CENTRAL = "central"
MERGE_REQUESTED, DISMISSED, MERGED = "merge_requested", "dismissed", "merged"


def referral_prefix(session: Session, desk: str) -> str:
    """The referral number prefix of ``desk`` (from the reference data), "" if unknown."""
    for record in session.scalars(select(Record).where(Record.entity == "desks")):
        if record.data.get("code") == desk and not record.deleted:
            return str(record.data.get("referral_prefix") or "")
    return ""


def owners(session: Session, flag: Record) -> set[str]:
    """The desks that registered the two people of a flag."""
    ids = [p for p in (flag.data.get("person_a"), flag.data.get("person_b")) if p]
    return {r.origin_desk for r in session.scalars(select(Record).where(Record.id.in_(ids)))}


def _parties(session: Session, flag_id: str, survivor: object) -> set[str]:
    rows = session.scalars(select(MergeApproval).where(MergeApproval.flag_id == flag_id))
    return {a.party for a in rows if a.survivor == survivor}


def _complete(parties: set[str], needed: set[str]) -> bool:
    return needed <= parties or (CENTRAL in parties and bool(parties & needed))


def completes(session: Session, flag: Record, party: str, survivor: object) -> bool:
    """Whether ``party`` approving a merge into ``survivor`` would complete the approvals."""
    survivor = survivor if survivor is not None else flag.data.get("survivor")
    parties = _parties(session, flag.id, survivor) | {party}
    return _complete(parties, owners(session, flag))


def active_consent(
    session: Session, person_id: str, purpose: str, pending: Iterable[Record | Draft] = ()
) -> bool:
    """Whether the server holds an active consent of the person for ``purpose``
    (``pending``: records the current batch creates, not yet written)."""
    stored = session.scalars(
        select(Record).where(Record.entity == "consents", Record.person_id == person_id)
    )
    found: list[Record | Draft] = [*stored, *(r for r in pending if r.entity == "consents")]
    for record in found:
        data = record.data
        if (
            record.person_id == person_id
            and not record.deleted
            and data.get("purpose") == purpose
            and data.get("given") is True
            and not data.get("withdrawn_at")
        ):
            return True
    return False


def sharing_consent(
    session: Session, person_id: str, pending: Iterable[Record | Draft] = ()
) -> bool:
    """Whether the server holds an active "sharing" consent of the person."""
    return active_consent(session, person_id, SHARING, pending)


def decide(
    session: Session, writer: Writer, device: Device, flag: Record, fields: dict[str, object]
) -> bool:
    """Record a desk's decision on ``flag`` (already checked by ``sync.server.ownership``);
    True when the merge is now approved by everyone it needs."""
    status = fields.get("status", flag.data.get("status"))
    if status == DISMISSED:
        _dismiss(session, writer, flag, device.desk)
        audit.by_device(session, device, "merge_dismissed", "duplicate_flags", flag.id)
        return False
    survivor = fields.get("survivor", flag.data.get("survivor"))
    done = _approve(session, writer, flag, device.desk, str(survivor), device.id)
    audit.by_device(session, device, "merge_approved", "duplicate_flags", flag.id)
    return done


def approve_central(
    session: Session, writer: Writer, user: StaffUser, flag_id: str, survivor: str
) -> bool:
    """An MWC coordinator approves a merge on the central side; True when it is due."""
    if user.role != "coordinator":
        raise Forbidden("staff_role", "only central coordinators approve merges")
    flag = session.get(Record, flag_id)
    if flag is None or flag.entity != "duplicate_flags" or flag.deleted:
        raise NotFound("flag_unknown", "no duplicate flag has this id")
    data = flag.data
    if data.get("status") not in ("open", MERGE_REQUESTED):
        raise Refused("already_decided", "this duplicate flag has been decided")
    pair = (data.get("person_a"), data.get("person_b"))
    if survivor not in pair:
        raise Refused("survivor_not_in_pair", "the survivor is one of the two people")
    if not all(sharing_consent(session, str(p)) for p in pair):
        raise Refused("consent_required", "both people must have consented to sharing")
    done = _approve(session, writer, flag, CENTRAL, survivor, user.login)
    audit.by_staff(session, user, "merge_approved", "duplicate_flags", flag.id)
    return done


def _approve(
    session: Session, writer: Writer, flag: Record, party: str, survivor: str, by: str
) -> bool:
    # approvals of another survivor were for another plan: this one starts again
    session.execute(
        delete(MergeApproval).where(
            MergeApproval.flag_id == flag.id, MergeApproval.survivor != survivor
        )
    )
    found = session.get(MergeApproval, (flag.id, party))
    if found is None:
        session.add(
            MergeApproval(flag_id=flag.id, party=party, survivor=survivor, approved_by=by,
                          at=utcnow())
        )  # fmt: skip
    session.flush()
    parties = _parties(session, flag.id, survivor)
    data = {
        **flag.data,
        "status": MERGE_REQUESTED,
        "survivor": survivor,
        "decided_by": " ".join(sorted(parties))[:64],
    }
    save(writer, flag, data)
    return _complete(parties, owners(session, flag))


def _dismiss(session: Session, writer: Writer, flag: Record, party: str) -> None:
    session.execute(delete(MergeApproval).where(MergeApproval.flag_id == flag.id))
    save(writer, flag, {**flag.data, "status": DISMISSED, "survivor": None, "decided_by": party})


def label(record: Record) -> str:
    """Name, birth year and desk of a person, for central coordinators only."""
    data = record.data
    name = " ".join(filter(None, (data.get("given_name"), data.get("family_name"))))
    year = data.get("birth_year") or (data.get("birth_date") or "")[:4]
    return f"{name} ({year or '?'}) · {record.origin_desk}"[:300]


def staff_view(session: Session, flag: Record) -> StaffDuplicate:
    """A flag with both people's labels: for central coordinators, who decide on both."""
    data = flag.data
    people = {
        r.id: label(r)
        for r in session.scalars(
            select(Record).where(Record.id.in_([data.get("person_a"), data.get("person_b")]))
        )
    }
    return StaffDuplicate(
        id=flag.id,
        person_a=str(data.get("person_a")),
        person_b=str(data.get("person_b")),
        label_a=people.get(str(data.get("person_a")), ""),
        label_b=people.get(str(data.get("person_b")), ""),
        score=int(data.get("score") or 0),
        reasons=[str(r) for r in data.get("reasons") or ()],
        status=str(data.get("status")),
        survivor=data.get("survivor"),
        decided_by=str(data.get("decided_by") or ""),
    )


def pending(session: Session, user: StaffUser) -> list[StaffDuplicate]:
    """Flags waiting for a decision (open or partly approved), for central coordinators."""
    if user.role != "coordinator":
        raise Forbidden("staff_role", "only central coordinators see duplicate flags")
    rows = session.scalars(
        select(Record)
        .where(Record.entity == "duplicate_flags", Record.deleted.is_(False))
        .order_by(Record.created_at, Record.id)
    )
    flags = [r for r in rows if r.data.get("status") in ("open", MERGE_REQUESTED)]
    audit.by_staff(session, user, "duplicates_listed", detail=str(len(flags)))
    return readable(flags, lambda r: staff_view(session, r))
