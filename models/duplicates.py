"""Probable duplicate people, for the coordinator to review and merge.

The same person comes back as "Muhamad Hasan" after being registered as "Mohammed
Hassan". Names are compared through the transliteration-aware words and skeletons of
:mod:`models.names`, the same as the search's (both become ``mhmd hsn``; a name in Arabic,
Bengali, Chinese or Cyrillic script is transliterated first); a name of several words is
also compared run together, so "Abd El Rahman" meets "Abdelrahman". Birth date or year,
citizenship and phone then confirm or weaken the match. Nothing here merges anything: it
only proposes; a pair an operator called "different person" (``models.pair_decisions``) is
never proposed.

Scores run from 0 to 1: up to 0.5 for the names (share of the shorter name's skeletons
found in the other, spelling-close skeletons counting partly), 0.25 for the same birth
date (0.2 same birth year, 0.1 one year apart, -0.25 further apart), 0.1 for a shared
citizenship and 0.15 for the same phone number. A pair is proposed from
:data:`MIN_SCORE`, and only when the names are at least half alike or the phone is the
same. Reasons are stable codes for the interface to translate: ``same_name``,
``similar_name``, ``same_birth_date``, ``same_birth_year``, ``birth_year_close``,
``same_citizenship``, ``same_phone``.

:func:`candidates` looks for one person's duplicates through the search index: people
sharing two name skeletons, or one skeleton and the initial of another with a birth year
within one, or the same phone number. :func:`find_all` scans the whole store for pairs
without comparing everyone with everyone: people are grouped by each pair of their name
skeletons and by birth year, and only people in one group, or in the groups of the next
birth year, are compared; pairs that cannot enter the requested top list are dropped
before their names are compared. On a synthetic 100,000-person store drawn from only 40
given and 40 family names (a worst case of common names), the scan reads the table once
and judges about 0.8 million pairs instead of five billion, in a few seconds.
"""

from __future__ import annotations

import heapq
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import combinations
from typing import Any

from rapidfuzz.distance import Indel
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from models import birth_evidence, pair_decisions
from models.birth_evidence import birth_agreement
from models.errors import NotFound
from models.names import skeleton, tokens
from models.schema import Person

MIN_SCORE = 0.5
NAME_WEIGHT = 0.5
BIRTH_WEIGHTS = {
    birth_evidence.SAME_BIRTH_DATE: 0.25,
    birth_evidence.SAME_BIRTH_YEAR: 0.2,
    birth_evidence.BIRTH_YEAR_CLOSE: 0.1,
    birth_evidence.OTHER_BIRTH_YEAR: -0.25,
}
SAME_CITIZENSHIP = 0.1
SAME_PHONE = 0.15
FUZZY_TOKEN = 0.75  # spelling closeness from which two different skeletons count partly
FUZZY_CREDIT = 0.8  # ... and how much of that closeness counts
CANDIDATES = 400  # index hits looked at per query for one person
MAX_KEY_TOKENS = 8  # name keys used for grouping and queries (pairs grow quadratically)
PHONE_DIGITS = 9  # numbers compared on their last digits: +39 333… equals 333…

_NOT_DIGIT = re.compile(r"\D")
_BATCH = 500
_LIVE = "deleted = 0 AND erased_at IS NULL AND merged_into IS NULL"
_FACT_COLUMNS = (
    "id, given_name, family_name, given_name_latin, family_name_latin, "
    "birth_year, birth_date, citizenships, phone"
)


@dataclass(frozen=True)
class DuplicateCandidate:
    """Another person who is probably the same as the one looked at."""

    person_id: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DuplicatePair:
    """Two people who are probably the same (``person_id < other_id``)."""

    person_id: str
    other_id: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Facts:
    """What duplicates are judged on, for one person."""

    person_id: str
    plain: frozenset[str]  # skeleton of every word of every name
    compact: frozenset[str]  # one key per name: several words run together
    birth_year: int | None
    birth_date: date | None
    citizenships: frozenset[str]
    phone: str


# ===================================================================== keys
def phone_key(phone: str) -> str:
    """The comparable part of a phone number: its last digits, or ``""`` if too short."""
    digits = _NOT_DIGIT.sub("", phone or "")
    return digits[-PHONE_DIGITS:] if len(digits) >= 6 else ""


class _Keys:
    """Name keys and parsed values, cached: a store has far fewer names than people."""

    def __init__(self) -> None:
        self._names: dict[str, tuple[tuple[str, ...], str]] = {}
        self._json: dict[str, frozenset[str]] = {}
        self._dates: dict[str, date] = {}

    def _name(self, name: str) -> tuple[tuple[str, ...], str]:
        """Skeletons of the words of one name, and the key of the words run together."""
        found = self._names.get(name)
        if found is None:
            words = tokens(name)
            plain = tuple(skeleton(word) for word in words)
            compact = skeleton("".join(words)) if len(words) > 1 else ""
            found = self._names[name] = (plain, compact)
        return found

    def of(self, names: Sequence[str | None]) -> tuple[frozenset[str], frozenset[str]]:
        plain: set[str] = set()
        compact: set[str] = set()
        for name in names:
            if not name:
                continue
            words, joined = self._name(name)
            plain.update(words)
            if joined:
                compact.add(joined)
            else:
                compact.update(words)
        plain.discard("")
        compact.discard("")
        return frozenset(plain), frozenset(compact)

    def citizenships(self, value: Any) -> frozenset[str]:
        if not isinstance(value, str):  # already decoded by the ORM
            return frozenset(c for c in value or () if c)
        found = self._json.get(value)
        if found is None:
            decoded = json.loads(value) if value else []
            found = self._json[value] = frozenset(c for c in decoded or () if c)
        return found

    def date(self, value: Any) -> date | None:
        if not isinstance(value, str):
            return value if isinstance(value, date) else None
        if not value:
            return None
        found = self._dates.get(value)
        if found is None:
            found = self._dates[value] = date.fromisoformat(value[:10])
        return found


def name_keys(names: Sequence[str | None]) -> frozenset[str]:
    """Every key a person's names give: each word's skeleton and each name run together."""
    plain, compact = _Keys().of(names)
    return plain | compact


def _facts(
    keys: _Keys, row: Any, known: tuple[frozenset[str], frozenset[str]] | None = None
) -> _Facts:
    """Facts from a row of :data:`_FACT_COLUMNS` (ORM or raw text values)."""
    plain, compact = known or keys.of(
        (row.given_name, row.family_name, row.given_name_latin, row.family_name_latin)
    )
    born = keys.date(row.birth_date)
    year = row.birth_year
    if year is None and born is not None:
        year = born.year
    return _Facts(
        person_id=row.id,
        plain=plain,
        compact=compact,
        birth_year=year,
        birth_date=born,
        citizenships=keys.citizenships(row.citizenships),
        phone=phone_key(row.phone or ""),
    )


# ===================================================================== scoring
@lru_cache(maxsize=1 << 16)
def _closeness(a: str, b: str) -> float:
    """Spelling closeness of two different skeletons, 0 below :data:`FUZZY_TOKEN`."""
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < FUZZY_TOKEN:
        return 0.0
    ratio = Indel.normalized_similarity(a, b, score_cutoff=FUZZY_TOKEN)
    return ratio if ratio >= FUZZY_TOKEN else 0.0


@lru_cache(maxsize=1 << 16)
def _best_closeness(key: str, others: frozenset[str]) -> float:
    """The closest spelling of ``key`` among ``others`` (same names recur: cached)."""
    return max(_closeness(*sorted((key, other))) for other in others)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the other; near spellings count partly."""
    if not a or not b:
        return 0.0
    short, other = (a, b) if len(a) <= len(b) else (b, a)
    missing = short - other
    total = float(len(short) - len(missing))
    for key in missing:
        total += _best_closeness(key, other) * FUZZY_CREDIT
    return total / len(short)


def _name_similarity(a: _Facts, b: _Facts) -> float:
    if a.plain <= b.plain or b.plain <= a.plain:  # one name within the other
        return 1.0 if a.plain and b.plain else 0.0
    return _names_alike(a.plain, a.compact, b.plain, b.compact)


@lru_cache(maxsize=1 << 18)
def _names_alike(
    a_plain: frozenset[str],
    a_compact: frozenset[str],
    b_plain: frozenset[str],
    b_compact: frozenset[str],
) -> float:
    """Best overlap over the words and the run-together forms of two people's names."""
    best = _overlap(a_plain, b_plain)
    if best < 1.0 and (a_compact != a_plain or b_compact != b_plain):
        for x, y in ((a_compact, b_compact), (a_plain, b_compact), (a_compact, b_plain)):
            best = max(best, _overlap(x, y))
    return best


def _judge(a: _Facts, b: _Facts, floor: float = MIN_SCORE) -> tuple[float, tuple[str, ...]] | None:
    """Score and reasons when ``a`` and ``b`` are probably one person, else ``None``.

    Pairs that cannot reach ``floor`` even with identical names are dropped before the
    (dearer) name comparison.
    """
    score = 0.0
    reasons: list[str] = []
    birth = birth_agreement(a.birth_date, b.birth_date, a.birth_year, b.birth_year)
    if birth is not None:
        score += BIRTH_WEIGHTS[birth]
        reasons.append(birth)
    if a.citizenships & b.citizenships:
        score += SAME_CITIZENSHIP
        reasons.append("same_citizenship")
    same_phone = bool(a.phone) and a.phone == b.phone
    if same_phone:
        score += SAME_PHONE
        reasons.append("same_phone")
    if score + NAME_WEIGHT < max(floor, MIN_SCORE):
        return None
    names = _name_similarity(a, b)
    if names < 0.5 and not same_phone:
        return None
    if names >= 0.999:
        reasons.insert(0, "same_name")
    elif names >= 0.5:
        reasons.insert(0, "similar_name")
    score = round(min(score + NAME_WEIGHT * names, 1.0), 4)
    if score < MIN_SCORE:
        return None
    return score, tuple(reasons)


# ===================================================================== one person
def candidates(session: Session, person_id: str, limit: int = 10) -> list[DuplicateCandidate]:
    """Probable duplicates of one person, best first.

    Looks up, through the search index, people sharing two name skeletons with this person
    (or one skeleton and the initial of another, with a birth year within one), and
    people with the same phone number; judges each on names, birth date or year,
    citizenship and phone. The person itself and erased, tombstoned or merged people are
    never proposed. Raises ``NotFound`` for an unknown or erased person.
    """
    person = session.get(Person, person_id)
    if person is None or person.erased_at is not None:
        raise NotFound("person", person_id)
    keys = _Keys()
    me = _facts(keys, person)
    ids = _name_hits(session, me)
    if me.phone:
        ids.update(_same_phone(session, me.phone))
    ids.discard(person.id)
    ids -= pair_decisions.decided_with(session, person.id)  # said to be different people
    found: list[DuplicateCandidate] = []
    for other in _load_facts(session, keys, sorted(ids)):
        judged = _judge(me, other)
        if judged is not None:
            found.append(DuplicateCandidate(other.person_id, judged[0], judged[1]))
    found.sort(key=lambda c: (-c.score, c.person_id))
    return found[:limit]


def _term(key: str) -> str:
    return 's : "' + key.replace('"', "") + '"'


def _name_hits(session: Session, me: _Facts) -> set[str]:
    keys = sorted(me.plain | me.compact)[:MAX_KEY_TOKENS]
    if not keys:
        return set()
    window = None
    if me.birth_year is not None:
        window = (me.birth_year - 1, me.birth_year + 1)
    if len(keys) == 1:
        exact = _term(keys[0])
    else:
        exact = " OR ".join(f"({_term(a)} AND {_term(b)})" for a, b in combinations(keys, 2))
    hits = set(_index_query(session, exact, window))
    if len(keys) > 1 and window is not None:
        loose = sorted({(a, b[0]) for a in keys for b in keys if a != b})
        expression = " OR ".join(f"({_term(a)} AND {_term(initial)}*)" for a, initial in loose)
        hits.update(_index_query(session, expression, window))
    return hits


def _index_query(session: Session, expression: str, window: tuple[int, int] | None) -> list[str]:
    sql = "SELECT i.person_id FROM person_search s JOIN person_search_ids i ON i.rid = s.rowid "
    params: dict[str, Any] = {"q": expression, "n": CANDIDATES}
    if window is None:
        sql += "WHERE person_search MATCH :q LIMIT :n"
    else:
        sql += (
            "JOIN persons p ON p.id = i.person_id WHERE person_search MATCH :q "
            "AND (p.birth_year IS NULL OR p.birth_year BETWEEN :lo AND :hi) LIMIT :n"
        )
        params.update(lo=window[0], hi=window[1])
    return list(session.execute(text(sql), params).scalars())


def _same_phone(session: Session, key: str) -> list[str]:
    # The digits in order with anything between (spaces, dashes, a country code before);
    # a LIKE scan costs far less than normalising every number in SQL. Checked exactly later.
    pattern = "%" + "%".join(key) + "%"
    stmt = (
        select(Person.id, Person.phone)
        .where(Person.phone.like(pattern))
        .where(Person.deleted.is_(False), Person.erased_at.is_(None), Person.merged_into.is_(None))
        .limit(CANDIDATES)
    )
    return [row.id for row in session.execute(stmt) if phone_key(row.phone) == key]


def _load_facts(session: Session, keys: _Keys, ids: Sequence[str]) -> Iterator[_Facts]:
    """Facts of the live people among ``ids``."""
    for start in range(0, len(ids), _BATCH):
        chunk = list(ids[start : start + _BATCH])
        marks = ", ".join(f":p{n}" for n in range(len(chunk)))
        rows = session.execute(
            text(f"SELECT {_FACT_COLUMNS} FROM persons WHERE id IN ({marks}) AND {_LIVE}"),
            {f"p{n}": pid for n, pid in enumerate(chunk)},
        )
        for row in rows:
            yield _facts(keys, row)


# ===================================================================== whole store
def find_all(session: Session, limit: int = 200) -> list[DuplicatePair]:
    """The ``limit`` most probable duplicate pairs in the store, best first.

    Reads the live people once, groups them by each pair of their name keys and by birth
    year, and compares only people in one group or in the groups of the next birth year
    (people without a birth year only with each other). Pairs that cannot enter the
    ``limit`` best are dropped before their names are compared. People whose names give a
    single key are left to :func:`candidates`, since one common name alone would make huge
    groups.
    """
    if limit <= 0:
        return []
    rows = session.execute(text(f"SELECT {_FACT_COLUMNS} FROM persons WHERE {_LIVE}")).all()
    keys = _Keys()
    groups: dict[tuple[str, str], dict[int | None, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    names: list[tuple[frozenset[str], frozenset[str]]] = []
    for index, row in enumerate(rows):
        plain, compact = keys.of(
            (row.given_name, row.family_name, row.given_name_latin, row.family_name_latin)
        )
        names.append((plain, compact))
        person_keys = sorted(plain | compact)[:MAX_KEY_TOKENS]
        if len(person_keys) < 2:
            continue
        born = keys.date(row.birth_date)
        year = row.birth_year if row.birth_year is not None else born.year if born else None
        for pair in combinations(person_keys, 2):
            groups[pair][year].append(index)

    facts: dict[int, _Facts] = {}
    seen: set[int] = set()
    different = pair_decisions.all_pairs(session)  # said to be different people
    best: list[float] = []  # min-heap of the ``limit`` best scores so far
    pairs: list[DuplicatePair] = []
    size = len(rows)

    def compare(i: int, j: int) -> None:
        if i > j:
            i, j = j, i
        key = i * size + j
        if key in seen:
            return
        seen.add(key)
        if different and tuple(sorted((rows[i].id, rows[j].id))) in different:
            return
        a = facts.get(i) or facts.setdefault(i, _facts(keys, rows[i], names[i]))
        b = facts.get(j) or facts.setdefault(j, _facts(keys, rows[j], names[j]))
        judged = _judge(a, b, best[0] if len(best) >= limit else MIN_SCORE)
        if judged is None:
            return
        first, second = sorted((a.person_id, b.person_id))
        pairs.append(DuplicatePair(first, second, judged[0], judged[1]))
        if len(best) < limit:
            heapq.heappush(best, judged[0])
        elif judged[0] > best[0]:
            heapq.heapreplace(best, judged[0])

    for by_year in groups.values():
        if len(by_year) == 1 and sum(len(m) for m in by_year.values()) < 2:
            continue
        for year, members in by_year.items():
            for i, j in combinations(members, 2):
                compare(i, j)
            if year is not None:
                for j in by_year.get(year + 1, ()):
                    for i in members:
                        compare(i, j)
    pairs.sort(key=lambda p: (-p.score, p.person_id, p.other_id))
    return pairs[:limit]


def compare(a: Any, b: Any) -> tuple[float, tuple[str, ...]] | None:
    """Score and reasons when two person rows (anything with the person's name, birth,
    citizenship and phone attributes, and ``id``) are probably one person, else ``None``.

    Used by the central server on records that are not ORM objects.
    """
    keys = _Keys()
    return _judge(_facts(keys, a), _facts(keys, b))
