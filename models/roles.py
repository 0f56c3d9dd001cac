"""Operator roles and what each may do. Services check these; the UI only mirrors them."""

from __future__ import annotations

from dataclasses import dataclass

from models.errors import PermissionDenied

DESK_OPERATOR = "desk_operator"
LEGAL_ADVISOR = "legal_advisor"
COORDINATOR = "coordinator"
ADMIN = "admin"
ROLES = (DESK_OPERATOR, LEGAL_ADVISOR, COORDINATOR, ADMIN)

_ALL = frozenset(ROLES)

# action -> roles allowed. Legal content is for legal advisors only: not even admins read it.
PERMISSIONS: dict[str, frozenset[str]] = {
    "person.read": _ALL,
    "person.write": _ALL,
    "referral.write": _ALL,
    "consent.write": _ALL,
    "documents.print": _ALL,
    "consultation.exists": frozenset({LEGAL_ADVISOR, COORDINATOR, ADMIN}),
    "consultation.content": frozenset({LEGAL_ADVISOR}),
    "audit.read": frozenset({COORDINATOR, ADMIN}),
    # The FAMI indicators (counts only, no personal data) for the funders' reports.
    "reports.read": frozenset({COORDINATOR, ADMIN}),
    "gdpr.export": frozenset({LEGAL_ADVISOR, COORDINATOR, ADMIN}),
    "gdpr.erase": frozenset({COORDINATOR, ADMIN}),
    "retention.purge": frozenset({COORDINATOR, ADMIN}),
    "reference.write": frozenset({COORDINATOR, ADMIN}),
    "store.verify": frozenset({COORDINATOR, ADMIN}),
    "store.backup": frozenset({COORDINATOR, ADMIN}),
    "store.restore": frozenset({ADMIN}),
    "store.rekey": frozenset({ADMIN}),
    "operators.manage": frozenset({ADMIN}),
    "sync.run": _ALL,
    "sync.enrol": frozenset({ADMIN}),
    "conflict.resolve": frozenset({COORDINATOR, ADMIN}),
    "duplicates.merge": frozenset({COORDINATOR, ADMIN}),
}


@dataclass(frozen=True)
class Actor:
    """The signed-in operator on whose behalf a service runs."""

    login: str
    role: str
    desk: str

    def can(self, action: str) -> bool:
        return self.role in PERMISSIONS[action]

    def require(self, action: str) -> None:
        if not self.can(action):
            raise PermissionDenied(action, self.role)


# Used when the store itself writes (seeding reference data, migrations).
SYSTEM = Actor(login="system", role=ADMIN, desk="")
