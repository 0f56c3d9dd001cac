"""Search-before-create: find a registered person however the name is written or typed.

The operator types a name (and maybe a birth year, ``amina 1990``, or a date,
``12/03/1990``) in any script and transliteration. :func:`find_people` looks candidates up
in the name index (:mod:`models.name_index`, an FTS5 table in the encrypted store, so the
cost is index lookups, never a scan of the people) and ranks them by the evidence:

1. The index query asks, for every typed word, for a registered unit with the same
   spelling or beginning, the same skeleton, the same consonant-class key or one within a
   consonant of it, an equivalent name, or the same in a spelling alternation (see
   :mod:`models.names`); a typed word may also be met by the word run together with its
   neighbour (Abdel Aziz / Abdelaziz). Particles and titles are never required. If no
   good match comes back, it is asked again with one typed word left out (a word the
   record does not have, or too badly mistyped), and those answers rank lower.
2. Hits are grouped by registered name (at 100,000 people a common name has dozens of
   bearers, who would crowd a rarer spelling out), and the best :data:`CANDIDATES`
   distinct names (by FTS5's bm25, exact spellings weighing most, the typed birth year,
   particles and citizenship counting too) are judged here, each once: each typed word
   (or typed words run together) is paired with the closest registered unit (keys,
   spelling alternations, ``rapidfuzz`` edit distance), then the people bearing the best
   names (at most :data:`PEOPLE`) are ranked:

   - all typed words matched beats some matched (the score is the mean closeness of the
     typed words);
   - fewer registered words left unmatched ranks higher (Hossam El Shazly before Hossam
     Ahmed El Shazly for "Hossam Shazly"), and a name whose given name no typed word met
     ranks lower (Ayman Tarek Rajab for "Tarek Ragab");
   - the typed order (given name first) adds a little;
   - the birth year typed in the box or passed, or a full birth date, agrees or not;
   - the citizenship passed agrees;
   - ties break on the displayed name, then the person id: never arbitrarily.

Indexed in the same transaction as the person (:func:`install` on the session factory;
sync pulls write through :func:`reindex_many`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from models import name_index
from models.name_index import INDEXED, NAME_FIELDS, decode_forms
from models.names import (
    Closeness,
    Keys,
    Unit,
    Word,
    chinese_readings,
    deletions,
    equivalents,
    typed_units,
    units,
    words,
)
from models.schema import Person

__all__ = [
    "CANDIDATES",
    "NAME_FIELDS",
    "Match",
    "Query",
    "find_people",
    "install",
    "parse_query",
    "reindex",
    "reindex_many",
    "reindex_values",
    "score_names",
]

CANDIDATES = 80  # distinct registered names (best by the index) ranked again here
LONG_JOIN = 5  # classes from which words run together get typo neighbours
PEOPLE = 150  # people of the best names whose birth year and citizenship are weighed
WINDOW = 0.2  # names further below the best than this are left out once ``limit`` people
ENOUGH = 1  # fewer good matches than this: ask again with one typed word left out
GOOD = 0.9
EXTRA_WORD = 0.05  # per registered word left unmatched (three at most)
# No word of the registered given name met: probably someone else bearing the typed name as
# a father's or family name (Ayman Tarek Rajab for "Tarek Ragab").
GIVEN_MISSED = 0.05
# A Latin-typed word met only in the own-script writing of a name that has a Latin one too
# (Amr against مروة when the person is registered as Marwa as well) counts a little less.
SHADOWED = 0.95
ORDER_BONUS = 0.02
PARTICLE_MET = 0.02  # per particle or title typed that the name has too (Ben Ali: Benali)
SAME_YEAR, NEAR_YEAR, OTHER_YEAR, SAME_DATE = 0.08, 0.02, -0.1, 0.1
SAME_CITIZENSHIP = 0.03
COMPLETE = 0.7  # closeness from which a typed word counts as matched

_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


# ===================================================================== index upkeep
def reindex(session: Session, person: Person) -> None:
    """Refresh the index row of one person (removed when tombstoned, erased or merged)."""
    reindex_values(session, person.id, {k: getattr(person, k) for k in INDEXED})


def reindex_values(session: Session, person_id: str, values: Mapping[str, Any]) -> None:
    """:func:`reindex` from column values (rows written without the ORM, e.g. sync pulls)."""
    name_index.write_many(session.connection(), {person_id: values})


def reindex_many(session: Session, people: Mapping[str, Mapping[str, Any]]) -> None:
    """:func:`reindex_values` for many people (a page of a sync pull) in a few statements."""
    name_index.write_many(session.connection(), people)


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    changed: dict[str, dict[str, Any]] = {}
    for obj in session.new:
        if isinstance(obj, Person):
            changed[obj.id] = {k: getattr(obj, k) for k in INDEXED}
    for obj in session.dirty:
        if isinstance(obj, Person) and session.is_modified(obj):
            state = obj.__dict__.get("_sa_instance_state")
            if state is None or any(state.attrs[f].history.has_changes() for f in INDEXED):
                changed[obj.id] = {k: getattr(obj, k) for k in INDEXED}
    if changed:
        new = {obj.id for obj in session.new if isinstance(obj, Person)}
        name_index.write_many(session.connection(), changed, new)


def install(factory: sessionmaker[Session]) -> None:
    """Keep the index in step with every flush of the factory's sessions."""
    from sqlalchemy import event

    event.listen(factory, "after_flush", _after_flush)


# ===================================================================== queries
@dataclass(frozen=True)
class Match:
    """One person found, best first.

    ``score``: the evidence, about 0 to 1.2 (1 is every typed word spelled as registered,
    no word left over; the birth year and citizenship add or take a little).
    ``complete``: every typed word (particles and titles aside) matched a registered one.
    ``reasons``: stable codes for the interface: ``same_name`` or ``similar_name``,
    ``some_words`` (not every typed word matched), ``same_birth_date``,
    ``same_birth_year``, ``birth_year_close``, ``other_birth_year``, ``same_citizenship``.
    """

    person_id: str
    display_name: str
    birth_year: int | None
    citizenships: tuple[str, ...]
    score: float
    complete: bool = True
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Query:
    """A typed search: its words, and the birth year or date typed with them."""

    words: tuple[Word, ...]
    birth_year: int | None = None
    birth_date: date | None = None
    finished: bool = False  # ends with a space: the last word is complete

    @property
    def required(self) -> list[int]:
        """Positions of the words a match must account for (particles and titles aside,
        unless nothing else was typed)."""
        solid = [i for i, w in enumerate(self.words) if not w.optional]
        return solid or list(range(len(self.words)))


def parse_query(typed: str) -> Query:
    """Words, birth date and birth year of what the operator typed in the search box."""
    born: date | None = None
    rest = typed
    for pattern, order in ((_YMD, (1, 2, 3)), (_DMY, (3, 2, 1))):
        found = pattern.search(rest)
        if found and born is None:
            y, m, d = (int(found.group(i)) for i in order)
            try:
                born = date(y, m, d)
            except ValueError:
                born = None
            rest = rest[: found.start()] + " " + rest[found.end() :]
    year_found = _YEAR.search(rest)
    year: int | None = born.year if born else int(year_found.group(1)) if year_found else None
    rest = _YEAR.sub(" ", rest)
    return Query(
        words=tuple(words(rest, typed=True)),
        birth_year=year,
        birth_date=born,
        finished=typed.endswith((" ", "\t")),
    )


def find_people(
    session: Session,
    query: str,
    birth_year: int | None = None,
    citizenship: str | None = None,
    limit: int = 20,
) -> list[Match]:
    """People whose names match ``query`` however written, best first (see the module).

    A birth year or date typed in ``query`` counts like ``birth_year`` (which wins when
    both are given). ``citizenship`` is an ISO 3166-1 alpha-2 code.
    """
    parsed = parse_query(query)
    if birth_year is not None:
        parsed = Query(parsed.words, birth_year, parsed.birth_date, parsed.finished)
    return search(session, parsed, citizenship=citizenship, limit=limit)


def search(
    session: Session,
    query: Query,
    *,
    citizenship: str | None = None,
    limit: int = 20,
    exclude: Iterable[str] = (),
) -> list[Match]:
    """:func:`find_people` for an already parsed query (also used at save time)."""
    if not query.words or limit <= 0:
        return []
    keys = Keys()
    plan = _Plan(query, keys)
    ranker = _Ranker(query, keys)
    names = _candidates(session, plan.strict(), citizenship)
    judged = ranker.judge_all(names)
    good = [f for f, j in judged.items() if _complete(j) and _name_score(j) >= GOOD]
    if len(good) < ENOUGH and len(query.required) > 1:
        relaxed = plan.relaxed()
        if relaxed:
            more = _candidates(session, relaxed, citizenship)
            names = {**more, **names}
            judged = ranker.judge_all(names)
    ranked_names = sorted(judged, key=lambda f: -_name_score(judged[f]))
    rids: list[int] = []
    floor = _name_score(judged[ranked_names[0]]) - WINDOW if ranked_names else 0.0
    for forms in ranked_names:
        if len(rids) >= PEOPLE or (len(rids) >= limit and _name_score(judged[forms]) < floor):
            break
        rids += names[forms]
    skip = set(exclude)
    rows = [r for r in _people(session, rids) if r.id not in skip]
    matches = [_match(row, judged[row.forms], query, citizenship) for row in rows]
    matches.sort(key=lambda m: (-m.score, m.display_name.casefold(), m.person_id))
    return matches[:limit]


def _complete(judged: _Judged) -> bool:
    return all(c >= COMPLETE for c in judged.closeness)


# ===================================================================== index query
def _phrase(columns: str, term: str, prefix: bool = False) -> str:
    return f'{columns} : "{term}"' + (" *" if prefix else "")


class _Plan:
    """The FTS5 match expressions of one query."""

    def __init__(self, query: Query, keys: Keys) -> None:
        self.query = query
        self.keys = keys
        last = len(query.words) - 1
        self.groups: dict[int, set[str]] = {i: set() for i in range(len(query.words))}
        for typed in typed_units(query.words):
            span = typed.unit.span
            if len(span) == 1:
                word = query.words[span[0]]
                typing = span[0] == last and not query.finished
                terms = self._word_terms(word, typed.forms, typing)
            else:
                terms = set()  # words run together: typo neighbours only when long (one
                # class less of "xiejianguo" is "jianguo": Xie would be matched by nothing)
                for form in typed.forms:
                    if form is typed.unit:
                        terms |= self._unit_terms(Word(form.text, abjad=form.abjad), near=False)
                    else:  # the pinyin readings of its syllables, run together
                        terms.add(_phrase("w", form.text))
            for position in span:
                self.groups[position].update(terms)
        self.facts: list[str] = []
        if query.birth_year is not None:
            self.facts.append(_phrase("f", f"y{query.birth_year}"))
        # particles and titles typed are never required, but rank higher who has them
        required = set(query.required)
        for position, terms in self.groups.items():
            if position not in required:
                self.facts += sorted(t for t in terms if t.startswith("w :"))

    def _word_terms(self, word: Word, forms: Sequence[Unit], typing: bool) -> set[str]:
        text_ = word.text
        terms = {_phrase("n", group) for group in equivalents(text_)}
        if word.abbrev:
            if len(text_) >= 2:
                terms.add(_phrase("w", text_, prefix=True))
            return terms
        terms.add(_phrase("w", text_, prefix=typing or len(text_) >= 3))
        readings = set(chinese_readings(text_)) if not word.abjad else set()
        for form in forms:
            if form.text in readings:  # a pinyin reading: registered as such, or not at all
                terms.add(_phrase("w", form.text))
            else:
                terms |= self._unit_terms(Word(form.text, abjad=form.abjad))
        return terms

    def _unit_terms(self, word: Word, near: bool = True) -> set[str]:
        terms = {_phrase("w", word.text)}
        skeleton = self.keys.skeleton(word.text)
        if len(skeleton) >= 2:  # a skeleton of one letter (Hai, Hu) matches too many people
            terms.add(_phrase("s", skeleton))
        key = self.keys.coarse(word.text, word.abjad)
        if len(key) >= 2:  # a key of one class (Zhou, Eze) matches too many people
            terms.add(_phrase("{c d}", key))
            if near or len(key) >= LONG_JOIN:
                terms.update(_phrase("{c d}", shorter) for shorter in deletions(key))
        return terms

    def _group(self, position: int) -> str | None:
        terms = self.groups[position]
        return "(" + " OR ".join(sorted(terms)) + ")" if terms else None

    def _expression(self, positions: Sequence[int]) -> str | None:
        groups = [g for g in (self._group(p) for p in positions) if g]
        if not groups:
            return None
        return " AND ".join(groups)

    def _with_facts(self, core: str) -> str:
        if not self.facts:
            return core
        boost = " OR ".join([*self.facts, _phrase("f", name_index.ALL)])
        return f"({core}) AND ({boost})"

    def strict(self) -> str | None:
        core = self._expression(self.query.required)
        return self._with_facts(core) if core else None

    def relaxed(self) -> str | None:
        """Every typed word but one, for each word left out."""
        required = self.query.required
        options = [self._expression([p for p in required if p != out]) for out in required]
        found = [f"({o})" for o in options if o]
        return self._with_facts(" OR ".join(found)) if found else None


# Index hits grouped by registered name (namesakes are many at 100,000 people: the best
# distinct names are ranked, each with its people's index rows).
_NAMES = (
    "WITH hits AS MATERIALIZED (SELECT rowid AS rid, forms, "
    f"bm25(person_search, {', '.join(str(w) for w in name_index.WEIGHTS)}) AS r "
    "FROM person_search WHERE person_search MATCH :q) "
    "SELECT forms, group_concat(rid) AS rids, min(r) AS best FROM hits "
    "GROUP BY forms ORDER BY best LIMIT :n"
)
_PEOPLE = (
    "SELECT p.id, s.forms, p.given_name, p.family_name, p.given_name_latin, "
    "p.family_name_latin, p.birth_year, p.birth_date, p.citizenships "
    "FROM person_search_ids AS i JOIN persons AS p ON p.id = i.person_id "
    "JOIN person_search AS s ON s.rowid = i.rid WHERE i.rid IN ({marks})"
)


def _candidates(
    session: Session, expression: str | None, citizenship: str | None
) -> dict[str, list[int]]:
    """Registered names (their ``forms``) matching the expression, best first by bm25,
    with the index rows of the people bearing each."""
    if expression is None:
        return {}
    if citizenship and citizenship.isalpha():
        expression = f"({expression}) AND ({_phrase('f', 'c' + citizenship.lower())} OR f : all)"
    rows = session.execute(text(_NAMES), {"q": expression, "n": CANDIDATES})
    return {row.forms: [int(r) for r in row.rids.split(",")] for row in rows}


def _people(session: Session, rids: Sequence[int]) -> list[Any]:
    if not rids:
        return []
    marks = ", ".join(str(int(r)) for r in rids)
    return list(session.execute(text(_PEOPLE.format(marks=marks))))


# ===================================================================== ranking
@dataclass
class _Judged:
    closeness: list[float] = field(default_factory=list)  # per required typed word
    extra: int = 0
    given_missed: bool = False  # no word of the registered given name was met
    in_order: bool = False
    particles: int = 0  # particles or titles typed that the registered name has too


class _Ranker:
    """Ranks candidates for one query; registered names are decoded once per spelling."""

    def __init__(self, query: Query, keys: Keys) -> None:
        self.query = query
        self.typed = typed_units(query.words)
        self.closeness = Closeness(keys, self.typed)
        self.names: dict[str, tuple[list[list[Word]], list[Unit]]] = {}

    def name(self, forms: str) -> tuple[list[list[Word]], list[Unit]]:
        found = self.names.get(forms)
        if found is None:
            fields = decode_forms(forms)
            found = self.names[forms] = (fields, units(fields))
        return found

    def judge_all(self, forms: Iterable[str]) -> dict[str, _Judged]:
        names = {f: self.name(f) for f in set(forms)}
        self.closeness.add(u for _fields, stored in names.values() for u in stored)
        return {f: self.judge(*names[f]) for f in names}

    def judge(self, fields: Sequence[Sequence[Word]], stored: Sequence[Unit]) -> _Judged:
        latin = _latin_positions(fields)
        pairs = []
        for unit in stored:
            for index, value in self.closeness.of(unit):
                if unit.abjad and not self.typed[index].unit.abjad and unit.span[0] in latin:
                    value *= SHADOWED  # the Latin writing of the same name is the one to meet
                pairs.append((value, index, unit))
        # Closest first; between equals, the pairing that accounts for more typed words.
        typed = self.typed
        pairs.sort(key=lambda p: (-p[0], -len(typed[p[1]].unit.span), p[2].span, p[2].pieces))
        best: dict[int, float] = {}
        used: set[tuple[int, int]] = set()
        chosen: list[tuple[int, int]] = []  # (first typed position, first registered one)
        for value, index, unit in pairs:
            span = typed[index].unit.span
            cover = unit.cover
            if any(i in best for i in span) or not used.isdisjoint(cover):
                continue
            for i in span:
                best[i] = value
            used |= cover
            chosen.append((span[0], unit.span[0]))
        required = self.query.required
        judged = _Judged(closeness=[best.get(i, 0.0) for i in required])
        judged.particles = sum(1 for i, v in best.items() if i not in required and v >= COMPLETE)
        positions = {position for position, _piece in used}
        judged.extra, judged.given_missed = _left_over(fields, positions)
        if len(chosen) >= 2:
            order = [_rank_of(fields, p) for _, p in sorted(chosen)]
            judged.in_order = order == sorted(order)
        return judged


def score_names(
    query_words: Sequence[Word], fields: Sequence[Sequence[Word]], keys: Keys | None = None
) -> tuple[float, bool]:
    """Closeness of typed words to a registered name (its four fields of words): the mean
    closeness of the typed words, less a little per registered word left unmatched; and
    whether every typed word matched. Shared with :mod:`models.likely_matches`."""
    ranker = _Ranker(Query(tuple(query_words), finished=True), keys or Keys())
    stored = units(fields)
    ranker.closeness.add(stored)
    judged = ranker.judge(fields, stored)
    return _name_score(judged), all(c >= COMPLETE for c in judged.closeness)


def _name_score(judged: _Judged) -> float:
    mean = sum(judged.closeness) / len(judged.closeness) if judged.closeness else 0.0
    score = mean - EXTRA_WORD * min(judged.extra, 3)
    if judged.given_missed:
        score -= GIVEN_MISSED
    if judged.in_order:
        score += ORDER_BONUS
    return score + PARTICLE_MET * min(judged.particles, 2)


def _latin_positions(fields: Sequence[Sequence[Word]]) -> set[int]:
    """Positions of words in own-script fields that also have a Latin writing."""
    found: set[int] = set()
    start = 0
    for index, field_ in enumerate(fields):
        if index < 2 and len(fields) > index + 2 and fields[index + 2]:
            found.update(range(start, start + len(field_)))
        start += len(field_)
    return found


def _left_over(fields: Sequence[Sequence[Word]], used: set[int]) -> tuple[int, bool]:
    """Registered words no typed word met, per name (given, family), in whichever of its
    two writings (own script, Latin) met the typed words best; and whether no word of the
    given name was met at all."""
    starts, position = [], 0
    for field_ in fields:
        starts.append(position)
        position += len(field_)
    extra = 0
    given_missed = False
    for pair in ((0, 2), (1, 3)):
        counts, met = [], False
        for index in pair:
            if index >= len(fields) or not fields[index]:
                continue
            solid = [starts[index] + o for o, w in enumerate(fields[index]) if not w.optional]
            counts.append(sum(1 for p in solid if p not in used))
            met = met or any(p in used for p in solid)
        extra += min(counts) if counts else 0
        if pair == (0, 2) and counts and not met:
            given_missed = True
    return extra, given_missed


def _rank_of(fields: Sequence[Sequence[Word]], position: int) -> tuple[int, int]:
    """(0 given, 1 family; position inside) of a registered word, for the typed order."""
    start = 0
    for index, field_ in enumerate(fields):
        if position < start + len(field_):
            return (index % 2, position - start)
        start += len(field_)
    return (2, 0)


def _match(row: Any, judged: _Judged, query: Query, citizenship: str | None) -> Match:
    score = _name_score(judged)
    complete = all(c >= COMPLETE for c in judged.closeness)
    reasons = ["same_name" if min(judged.closeness, default=0) >= 1.0 else "similar_name"]
    if not complete:
        reasons.append("some_words")
    born = _as_date(row.birth_date)
    year = row.birth_year if row.birth_year is not None else born.year if born else None
    if query.birth_date is not None and born == query.birth_date:
        score += SAME_DATE + SAME_YEAR
        reasons.append("same_birth_date")
    elif query.birth_year is not None and year is not None:
        gap = abs(year - query.birth_year)
        if gap == 0:
            score += SAME_YEAR
            reasons.append("same_birth_year")
        elif gap == 1:
            score += NEAR_YEAR
            reasons.append("birth_year_close")
        else:
            score += OTHER_YEAR
            reasons.append("other_birth_year")
    cits = tuple(_citizenships(row.citizenships))
    if citizenship and citizenship in cits:
        score += SAME_CITIZENSHIP
        reasons.append("same_citizenship")
    return Match(
        person_id=row.id,
        display_name=display_name(row),
        birth_year=year,
        citizenships=cits,
        score=round(score, 4),
        complete=complete,
        reasons=tuple(reasons),
    )


def display_name(row: Any) -> str:
    """The Latin name when there is one, else the name as written."""
    latin = " ".join(n for n in (row.given_name_latin, row.family_name_latin) if n)
    written = " ".join(n for n in (row.given_name, row.family_name) if n)
    return latin or written


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def _citizenships(value: Any) -> list[str]:
    import json

    if isinstance(value, str):
        value = json.loads(value) if value else []
    return [c for c in value or () if isinstance(c, str)]


def people_rows(session: Session, ids: Sequence[str]) -> list[Any]:
    """Name, birth and citizenship columns of some people (for callers that rank them)."""
    if not ids:
        return []
    stmt = select(
        Person.id,
        Person.given_name,
        Person.family_name,
        Person.given_name_latin,
        Person.family_name_latin,
        Person.birth_year,
        Person.birth_date,
        Person.citizenships,
    ).where(Person.id.in_(bindparam("ids", expanding=True)))
    return list(session.execute(stmt, {"ids": list(ids)}))
