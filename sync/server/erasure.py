"""A person erased at a desk (GDPR art. 17) is erased on the server and every replica.

The erasing desk pushes the blanked, tombstoned rows like any change; what it never had
is blanked and tombstoned here: rows the server or another desk wrote for the person that
the erasing desk had not pulled yet (a status event of MWC staff, say), conflict records
(which hold overwritten values) and duplicate flags. Rows other desks write later for the
person are refused as ``superseded`` by the merge, so nothing comes back.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.gdpr import ERASED
from sync.server.schema import Record
from sync.server.writes import Writer, save


def scrub(session: Session, writer: Writer, person_ids: Iterable[str]) -> int:
    """Blank what the server holds about these people beyond what the erasing desk pushed
    (its own copy may have missed values other desks wrote); returns how many changed."""
    ids = sorted(set(person_ids))
    if not ids:
        return 0
    rows = session.scalars(
        select(Record).where(or_(Record.person_id.in_(ids), Record.person_id2.in_(ids)))
    )
    changed = 0
    for record in rows:
        data = dict(record.data)
        if record.entity in ERASED:
            data |= {**ERASED[record.entity], "deleted": True}
            if record.entity == "persons":  # the first citizenship stays, for the indicators
                data["citizenships"] = list(data.get("citizenships") or [])[:1]
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
