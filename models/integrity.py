"""``verify``: is the database intact, is its audit trail whole, is its key file genuine?"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine

from models import audit
from models.errors import (
    AuditChainBroken,
    KeyFileInvalid,
    KeyFileMissing,
    KeyFileTampered,
    KeyFileTooNew,
)
from models.keyfile import VERSION, KeyFile

# The codes ``check_key_file`` reports (ui.errors words each of them).
KEY_FILE_PROBLEMS = (
    "missing",  # no key file beside the database
    "damaged",  # not readable as a key file: JSON, fields, bounds or digest
    "too_new",  # written by a newer version of the application
    "altered",  # its MAC does not match: changed by something other than ARCO Desk
    "not_upgraded",  # an older format (1 or 2) although the store was unlocked
    "other_store",  # its store id is not this database's
    "no_recovery_slot",
    "two_recovery_slots",
    "no_operator_slot",
    "operator_slot_after_revocation",  # revoked, yet an operator slot was put back
    "two_slots_for_one_login",
    "no_admin_slot",  # no slot of an active administrator
    "stale_operator_slot",  # a slot for a login that is unknown or disabled
)


@dataclass
class Report:
    cipher_problems: list[str] = field(default_factory=list)
    integrity_problems: list[str] = field(default_factory=list)
    foreign_key_problems: int = 0
    audit_events: int = 0
    audit_broken_at: int | None = None
    keyfile_problems: list[str] = field(default_factory=list)
    # the write-ahead log's seal (models.journal): "seal_missing", "seal_invalid", "behind"
    journal_problems: list[str] = field(default_factory=list)
    # the chain no longer holds the event the central server anchored at the last sync:
    # audit.ANCHOR_SHORTENED or audit.ANCHOR_REWRITTEN (None: fine, or never synced)
    audit_anchor_problem: str | None = None

    @property
    def ok(self) -> bool:
        return not (
            self.cipher_problems
            or self.integrity_problems
            or self.foreign_key_problems
            or self.audit_broken_at is not None
            or self.audit_anchor_problem is not None
            or self.keyfile_problems
            or self.journal_problems
        )


def check_pages(conn: Connection, report: Report) -> None:
    """Page HMACs (every page, free ones included) and SQLite's own structure check."""
    rows = conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
    report.cipher_problems = [str(r[0]) for r in rows]
    rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
    report.integrity_problems = [str(r[0]) for r in rows if r[0] != "ok"]
    report.foreign_key_problems = len(conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall())


def verify_engine(engine: Engine) -> Report:
    """Full check of the database behind ``engine`` (read only)."""
    from sqlalchemy.orm import Session

    report = Report()
    with engine.connect() as conn:
        check_pages(conn, report)
        if report.cipher_problems or report.integrity_problems:
            return report
    with Session(engine) as session:
        try:
            report.audit_events = audit.verify_chain(session)
        except AuditChainBroken as broken:
            report.audit_broken_at = broken.seq
        report.audit_anchor_problem = audit.check_anchor(session)
    return report


def check_key_file(
    path: Path,
    dek: bytes,
    store_id: str | None,
    operators: Mapping[str, tuple[str, bool]] | None,
) -> list[str]:
    """Problems of the key file on disk, as codes from ``KEY_FILE_PROBLEMS``.

    ``dek`` checks the MAC; ``store_id`` is the database's own; ``operators`` maps each
    login to (role, active), or is ``None`` when the database could not be read.
    """
    try:
        keyfile = KeyFile.load(path, require_slots=False)
    except KeyFileMissing:
        return ["missing"]
    except KeyFileTooNew:
        return ["too_new"]
    except KeyFileInvalid:
        return ["damaged"]
    problems = []
    if keyfile.version < VERSION:
        problems.append("not_upgraded")
    try:
        keyfile.check_mac(dek)
    except KeyFileTampered:
        problems.append("altered")
    if store_id is not None and keyfile.store_id != store_id:
        problems.append("other_store")
    problems += keyfile.slot_problems()
    if operators is not None:
        logins = keyfile.logins()
        if not any(operators.get(login) == ("admin", True) for login in logins):
            problems.append("no_admin_slot")
        if any(not operators.get(login, ("", False))[1] for login in logins):
            problems.append("stale_operator_slot")
    return problems
