"""The warning at save: is the person about to be registered already in the store?

Before a new person is saved (or when an operator edits a person's identity), the form's
values go to :func:`likely_matches`, which returns the existing people that are probably
the same human being, with the evidence, best first:

- the **name**, compared as the search compares it (:mod:`models.search`: any script,
  transliteration, words split or joined, typos, short forms);
- the **birth** date or year: the same date, the same year, a year apart, or a different
  year (which counts against);
- **exact identifiers** (:mod:`models.identifiers`): the same tax code or document number
  (enough on their own), the same phone number (with a name at least half alike: families
  share phones), each found through an index of its own, so a person whose name was
  written very differently is still found.

Pairs an operator already called "different person" (:mod:`models.pair_decisions`) are
never proposed again.

How the interface uses it (the intake view and the person editor):

1. Before saving a new person: ``likely_matches(session, actor, Probe.from_forms(person_form,
   documents))``. If the list is empty, save as usual (``models.intake.register``).
2. The operator sees each :class:`LikelyMatch` (its ``display_name``, ``birth_year`` and
   ``reasons``, stable codes to translate) and chooses:

   - **same person**: no new person is created; record the visit for the existing one with
     ``models.intake.register(session, actor, IntakeForm(person_id=match.person_id,
     needs=..., channel=..., consents=..., documents=...))`` (the same form, with
     ``person_id`` instead of ``person``); new details the operator wants to keep go through
     ``models.people.update_person``;
   - **different person** (for every proposed match): save the new person as usual, then
     ``models.pair_decisions.record_different(session, actor, new_person_id,
     [m.person_id for m in matches])`` in the same transaction.
3. When editing an existing person, pass ``person_id``: the person itself and the people
   already decided different are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from models import birth_evidence, identifiers, name_index, pair_decisions, search
from models.birth_evidence import birth_agreement
from models.errors import ValidationFailed
from models.names import Word, words
from models.people import TAX_CODE, DocumentForm, PersonForm
from models.roles import Actor
from models.schema import IdentityDocument, Person

MIN_SCORE = 0.6  # proposed from this score
NAME_WEIGHT = 0.6
BIRTH_WEIGHTS = {
    birth_evidence.SAME_BIRTH_DATE: 0.3,
    birth_evidence.SAME_BIRTH_YEAR: 0.2,
    birth_evidence.BIRTH_YEAR_CLOSE: 0.08,
    birth_evidence.OTHER_BIRTH_YEAR: -0.25,
}
SAME_TAX_CODE, SAME_DOCUMENT, SAME_PHONE = 0.6, 0.5, 0.3
NAME_ALONE = 0.93  # name closeness from which a name alone (no birth to compare) is proposed
NAME_WITH_BIRTH = 0.9  # ... from which a name with an agreeing birth date or year is
# A phone number is often shared in a family: it counts only with a name at least this close.
NAME_WITH_PHONE = 0.5
SEARCHED = 20  # name matches looked at per writing of the name


@dataclass
class Probe:
    """What the form says about the person about to be saved (any field may be empty)."""

    given_name: str = ""
    family_name: str = ""
    given_name_latin: str = ""
    family_name_latin: str = ""
    birth_date: date | None = None
    birth_year: int | None = None
    phone: str = ""
    tax_code: str = ""
    documents: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (type, number)

    @classmethod
    def from_forms(cls, person: PersonForm, documents: Iterable[DocumentForm] = ()) -> Probe:
        """A probe from the intake's person form and document forms (a document of type
        ``tax_code`` gives the tax code)."""
        docs = [(d.doc_type, d.number) for d in documents if d.number]
        tax = next((n for t, n in docs if t == TAX_CODE), "")
        return cls(
            given_name=person.given_name,
            family_name=person.family_name,
            given_name_latin=person.given_name_latin,
            family_name_latin=person.family_name_latin,
            birth_date=person.birth_date,
            birth_year=person.birth_year,
            phone=person.phone,
            tax_code=tax,
            documents=[(t, n) for t, n in docs if t != TAX_CODE],
        )

    @property
    def year(self) -> int | None:
        return self.birth_date.year if self.birth_date else self.birth_year


@dataclass(frozen=True)
class LikelyMatch:
    """An existing person who is probably the one about to be saved.

    ``score`` from 0 to 1; ``name_score`` the closeness of the names alone (0 to 1).
    ``reasons``: stable codes, strongest evidence first: ``same_tax_code``,
    ``same_document``, ``same_phone``, ``same_name`` or ``similar_name``,
    ``same_birth_date``, ``same_birth_year``, ``birth_year_close``, ``other_birth_year``.
    """

    person_id: str
    display_name: str
    birth_year: int | None
    score: float
    name_score: float
    reasons: tuple[str, ...]


def likely_matches(
    session: Session,
    actor: Actor,
    probe: Probe,
    *,
    person_id: str | None = None,
    limit: int = 5,
) -> list[LikelyMatch]:
    """Existing people probably the same as ``probe``, best first (see the module).

    ``person_id``: the person being edited (left out, with the people already decided
    different from them). Needs ``person.read``. Reads only.
    """
    actor.require("person.read")
    skip = {person_id} if person_id else set()
    if person_id:
        skip |= pair_decisions.decided_with(session, person_id)
    writings = _writings(probe)
    found: set[str] = set()
    for typed in writings:
        query = search.Query(tuple(typed), birth_year=probe.year, finished=True)
        found.update(m.person_id for m in search.search(session, query, limit=SEARCHED))
    tax = _tax_code(probe.tax_code)
    by_tax = _with_document(session, [tax], TAX_CODE) if tax else set()
    numbers = [n for n in (_document(num) for _t, num in probe.documents) if n]
    by_document = _with_document(session, numbers) if numbers else set()
    phone = identifiers.phone_key(probe.phone)
    by_phone = _with_phone(session, probe.phone, phone) if phone else set()
    candidates = (found | by_tax | by_document | by_phone) - skip
    matches = []
    for row in _rows(session, sorted(candidates)):
        judged = _judge(row, writings, probe, row.id in by_tax, row.id in by_document,
                        row.id in by_phone)  # fmt: skip
        if judged is not None:
            matches.append(judged)
    matches.sort(key=lambda m: (-m.score, m.display_name.casefold(), m.person_id))
    return matches[:limit]


def _writings(probe: Probe) -> list[list[Word]]:
    """The name's words as written in each script the form has (Latin first)."""
    found = []
    for given, family in (
        (probe.given_name_latin, probe.family_name_latin),
        (probe.given_name, probe.family_name),
    ):
        typed = words(f"{given} {family}")
        if typed and typed not in found:
            found.append(typed)
    return found


def _tax_code(value: str) -> str:
    try:
        return identifiers.tax_code(value)
    except ValidationFailed:
        return ""


def _document(value: str) -> str:
    try:
        return identifiers.document_number(value)
    except ValidationFailed:
        return ""


def _with_document(session: Session, numbers: Sequence[str], doc_type: str = "") -> set[str]:
    stmt = select(IdentityDocument.person_id).where(
        IdentityDocument.number.in_(list(numbers)), IdentityDocument.deleted.is_(False)
    )
    if doc_type:
        stmt = stmt.where(IdentityDocument.doc_type == doc_type)
    return set(session.scalars(stmt))


def _with_phone(session: Session, typed: str, e164: str) -> set[str]:
    """People with the number, as stored now (E.164) or as typed before numbers were
    normalised (the same text)."""
    forms = {e164, typed.strip()}
    return set(session.scalars(select(Person.id).where(Person.phone.in_(sorted(forms)))))


_ROWS = (
    "SELECT id, given_name, family_name, given_name_latin, family_name_latin, birth_year, "
    "birth_date FROM persons WHERE id IN ({marks}) "
    "AND deleted = 0 AND erased_at IS NULL AND merged_into IS NULL"
)


def _rows(session: Session, ids: Sequence[str]) -> list[Any]:
    if not ids:
        return []
    marks = ", ".join(f":p{i}" for i in range(len(ids)))
    return list(
        session.execute(text(_ROWS.format(marks=marks)), {f"p{i}": v for i, v in enumerate(ids)})
    )


def _judge(
    row: Any,
    writings: Sequence[Sequence[Word]],
    probe: Probe,
    same_tax: bool,
    same_document: bool,
    same_phone: bool,
) -> LikelyMatch | None:
    fields = name_index.name_fields(row._mapping)
    name = max((search.score_names(typed, fields)[0] for typed in writings), default=0.0)
    name = max(0.0, min(1.0, name))
    reasons: list[str] = []
    score = NAME_WEIGHT * name
    if same_tax:
        score += SAME_TAX_CODE
        reasons.append("same_tax_code")
    if same_document:
        score += SAME_DOCUMENT
        reasons.append("same_document")
    if same_phone:
        score += SAME_PHONE
        reasons.append("same_phone")
    if name >= 0.999:
        reasons.append("same_name")
    elif name >= NAME_WITH_BIRTH:
        reasons.append("similar_name")
    born = row.birth_date if isinstance(row.birth_date, date) else _date(row.birth_date)
    year = row.birth_year if row.birth_year is not None else born.year if born else None
    birth = birth_agreement(probe.birth_date, born, probe.year, year)
    birth_agrees = None if birth is None else birth != birth_evidence.OTHER_BIRTH_YEAR
    if birth is not None:
        score += BIRTH_WEIGHTS[birth]
        reasons.append(birth)
    identified = same_tax or same_document or (same_phone and name >= NAME_WITH_PHONE)
    named = (
        name >= NAME_ALONE
        if birth_agrees is None
        else bool(birth_agrees and name >= NAME_WITH_BIRTH)
    )
    score = round(min(score, 1.0), 4)
    if not (identified or named) or score < MIN_SCORE:
        return None
    return LikelyMatch(
        person_id=row.id,
        display_name=search.display_name(row),
        birth_year=year,
        score=score,
        name_score=round(name, 4),
        reasons=tuple(reasons),
    )


def _date(value: Any) -> date | None:
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None
