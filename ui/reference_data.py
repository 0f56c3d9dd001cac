"""Reference lists for combo boxes and checklists, read in an op as plain values."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from models import reference
from ui.i18n import current_language


@dataclass(frozen=True)
class Choice:
    """One entry of a reference list: its code and both labels."""

    code: str
    label_it: str
    label_en: str

    @property
    def label(self) -> str:
        return self.label_it if current_language() == "it" else self.label_en


@dataclass(frozen=True)
class ReferenceLists:
    services: tuple[Choice, ...]
    values: dict[str, tuple[Choice, ...]]

    def of(self, kind: str) -> tuple[Choice, ...]:
        return self.values.get(kind, ())

    def service_label(self, code: str) -> str:
        return next((c.label for c in self.services if c.code == code), code)

    def label(self, kind: str, code: str) -> str:
        return next((c.label for c in self.of(kind) if c.code == code), code)


def reference_lists(session: Session, kinds: tuple[str, ...]) -> ReferenceLists:
    """Active services and the requested value lists (not personal data), as plain values."""
    services = tuple(Choice(s.code, s.name_it, s.name_en) for s in reference.services(session))
    values = {
        kind: tuple(
            Choice(v.code, v.label_it, v.label_en)
            for v in reference.values(session, kind)
            if v.active
        )
        for kind in kinds
    }
    return ReferenceLists(services, values)
