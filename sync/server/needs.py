"""A need follows its referral when the receiving service closes it.

The desk closes or reopens a need when it cancels a referral (``models.referrals``); the
statuses that close a referral from the service's side (completed, declined) are set
here, on the server, so the need changes with them and reaches every desk by the pull,
the same rule as the desk's: completed closes the need; declined reopens it unless
another referral of the need is still open.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.referrals import COMPLETED, FINAL, OPEN
from sync.server.schema import Record
from sync.server.writes import Writer, save


def follow_referral(session: Session, writer: Writer, referral: Record) -> None:
    """Update the need of ``referral`` after the service moved it to a final status."""
    status = referral.data.get("status")
    need = session.get(Record, referral.data.get("need_id") or "")
    if status not in FINAL or need is None or need.entity != "needs" or need.deleted:
        return
    if status == COMPLETED:
        target = "closed"
    else:
        others = session.scalars(
            select(Record).where(
                Record.entity == "referrals",
                Record.person_id == referral.person_id,
                Record.id != referral.id,
                Record.deleted.is_(False),
            )
        )
        still_open = any(
            r.data.get("need_id") == need.id and r.data.get("status") in OPEN for r in others
        )
        target = "referred" if still_open else "open"
    if need.data.get("status") != target:
        save(writer, need, {**need.data, "status": target})
