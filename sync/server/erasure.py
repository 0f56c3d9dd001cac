"""A person erased at a desk (GDPR art. 17) is erased on the server and every replica.

The erasing desk pushes the blanked, tombstoned rows like any change; what it never had
is blanked and tombstoned here: rows the server or another desk wrote for the person that
the erasing desk had not pulled yet (a status event of MWC staff, say), conflict records
(which hold overwritten values) and duplicate flags. Rows other desks write later for the
person are refused as ``superseded`` by the merge, so nothing comes back.

Before anything is blanked here, what the city-wide indicators counted of the person is
folded into the server's anonymous tables (``sync.server.indicator_facts``), so erasing
someone does not change the city-wide report of a past period. A tombstone keeps one
citizenship, chosen as the desks choose it (``kept_citizenship``: the Italian or an EU
one when the person holds one), so the person's citizenship class does not change.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.gdpr import ERASED
from models.indicator_facts import kept_citizenship
from sync.server import indicator_facts
from sync.server.indicator_facts import Before, counted_before
from sync.server.schema import Record
from sync.server.writes import Writer, save

__all__ = ["counted_before", "scrub"]


def scrub(
    session: Session, writer: Writer, person_ids: Iterable[str], before: Before | None = None
) -> int:
    """Blank what the server holds about these people beyond what the erasing desk pushed
    (its own copy may have missed values other desks wrote); returns how many changed.

    First folds their contribution to the city-wide indicators: what the server counted
    of them before the push (``before``: ``indicator_facts.counted_before``; without it,
    every row of theirs it holds)."""
    ids = sorted(set(person_ids))
    if not ids:
        return 0
    indicator_facts.fold_erased(session, before, ids)
    rows = session.scalars(
        select(Record).where(or_(Record.person_id.in_(ids), Record.person_id2.in_(ids)))
    )
    changed = 0
    for record in rows:
        data = dict(record.data)
        if record.entity in ERASED:
            data |= {**ERASED[record.entity], "deleted": True}
            if record.entity == "persons":  # one citizenship stays, of the same class
                data["citizenships"] = kept_citizenship(data.get("citizenships"))
            record.deleted = True
        elif record.entity == "sync_conflicts":
            data |= {"kept_value": None, "other_value": None, "status": "resolved"}
            data["resolution"] = "erased"
        else:
            if data.get("person_a") in ids:
                data["label_a"] = ""
            if data.get("person_b") in ids:
                data["label_b"] = ""
            if data.get("status") in ("open", "merge_requested"):
                data["status"] = "dismissed"
        if data != record.data:
            save(writer, record, data)
            changed += 1
    return changed
