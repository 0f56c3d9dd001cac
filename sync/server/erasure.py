"""A person erased at a desk (GDPR art. 17) is erased on the server and every replica.

The erasing desk pushes the blanked, tombstoned rows like any change; what only the
server made about the person is blanked here: conflict records (which hold overwritten
values) and duplicate flags (which hold a label). Rows other desks write later for the
person are refused as ``superseded`` by the merge, so nothing comes back.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sync.server.schema import Record
from sync.server.writes import Writer, save


def scrub(session: Session, writer: Writer, person_ids: Iterable[str]) -> int:
    """Blank the server-made records about these people; returns how many changed."""
    ids = sorted(set(person_ids))
    if not ids:
        return 0
    rows = session.scalars(
        select(Record).where(
            Record.entity.in_(("sync_conflicts", "duplicate_flags")),
            or_(Record.person_id.in_(ids), Record.person_id2.in_(ids)),
        )
    )
    changed = 0
    for record in rows:
        data = dict(record.data)
        if record.entity == "sync_conflicts":
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
