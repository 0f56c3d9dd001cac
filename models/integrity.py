"""``verify``: is the database intact, and is its audit trail whole?"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from models import audit
from models.errors import AuditChainBroken


@dataclass
class Report:
    cipher_problems: list[str] = field(default_factory=list)
    integrity_problems: list[str] = field(default_factory=list)
    foreign_key_problems: int = 0
    audit_events: int = 0
    audit_broken_at: int | None = None

    @property
    def ok(self) -> bool:
        return not (
            self.cipher_problems
            or self.integrity_problems
            or self.foreign_key_problems
            or self.audit_broken_at is not None
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
    return report
