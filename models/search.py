"""Search-before-create: find a person by name however it was transliterated.

The same name reaches a desk as Mohamed, Mohammed, Muhammad or Mohamad; Jamal is Gamal in
Egypt; Hussein is Husain or Houssein. Each Latin name token is reduced to a *skeleton*:
diacritics removed, common transliteration digraphs folded (kh→k, ph→f, ou→u, j→g…),
vowels dropped after the first letter, doubled letters collapsed. Mohamed, Mohammed and
Muhammad all become ``mhmd``. Skeletons go into an FTS5 index (which works inside
SQLCipher) kept in the same transaction as the person; a query looks up candidates by
skeleton prefix (so it works while typing) and ranks them by closeness of spelling, then by
birth year and citizenship as tie-breakers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from models.schema import Person

NAME_FIELDS = ("given_name", "family_name", "given_name_latin", "family_name_latin")
CANDIDATES = 120  # best-ranked index hits, rescored by spelling in Python

_TOKEN = re.compile(r"\w+", re.UNICODE)
_DIGRAPHS = (
    ("sch", "s"),
    ("tch", "c"),
    ("dj", "g"),
    ("dh", "d"),
    ("gh", "g"),
    ("kh", "k"),
    ("ph", "f"),
    ("sh", "s"),
    ("th", "t"),
    ("ck", "k"),
    ("ch", "c"),
    ("aw", "ao"),  # Dawood = Daoud
    ("ow", "o"),  # Chowdhury = Choudhury
)
_LETTERS = str.maketrans({"q": "k", "c": "k", "j": "g", "z": "s", "w": "v", "y": "i", "x": "s"})
_VOWELS = frozenset("aeiou")


def fold(text_: str) -> str:
    """Lowercase, without diacritics (Ç→c, é→e, ı→i)."""
    decomposed = unicodedata.normalize("NFKD", text_.casefold().replace("ı", "i"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(name: str) -> list[str]:
    return _TOKEN.findall(fold(name))


def skeleton(token: str) -> str:
    """Phonetic key of one folded Latin token (``mohammed`` → ``mhmd``)."""
    if not token.isascii():
        return token  # another script: index as written
    word = token
    for digraph, single in _DIGRAPHS:
        word = word.replace(digraph, single)
    word = word.translate(_LETTERS)
    if not word:
        return ""
    head = "a" if word[0] in _VOWELS else word[0]
    body = [ch for ch in word[1:] if ch not in _VOWELS and not ch.isdigit()]
    out = [head]
    for ch in body:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def index_keys(values: list[str]) -> str:
    """The text stored in the index for a person: each word's skeleton (to find every
    transliteration) and the word itself, folded (so the closest spelling ranks first)."""
    keys: list[str] = []
    for value in values:
        for tok in tokens(value):
            keys.append(skeleton(tok))
            keys.append(tok)
    return " ".join(dict.fromkeys(k for k in keys if k))


def _quoted(term: str) -> str:
    return '"' + term.replace('"', "") + '"*'


def _match_expression(query: str) -> str | None:
    """Every query word must match by skeleton; its exact spelling, when present, only
    raises the rank (FTS5 bm25 counts the matched terms)."""
    groups = []
    for tok in tokens(query):
        key = skeleton(tok)
        if not key:
            continue
        alternatives = dict.fromkeys((key, tok))
        groups.append("(" + " OR ".join(_quoted(term) for term in alternatives) + ")")
    return " AND ".join(groups) if groups else None


# ===================================================================== index upkeep
DELETE = text(
    "DELETE FROM person_search WHERE rowid = "
    "(SELECT rid FROM person_search_ids WHERE person_id = :pid)"
)
ID_ROW = text("INSERT OR IGNORE INTO person_search_ids (person_id) VALUES (:pid)")
INSERT = text(
    "INSERT INTO person_search (rowid, keys) "
    "SELECT rid, :keys FROM person_search_ids WHERE person_id = :pid"
)


def reindex(session: Session, person: Person) -> None:
    """Refresh the index row of one person (removed when tombstoned or erased)."""
    reindex_values(session, person.id, {k: getattr(person, k) for k in _INDEXED})


_INDEXED = (*NAME_FIELDS, "deleted", "erased_at", "merged_into")


def reindex_values(session: Session, person_id: str, values: dict[str, Any]) -> None:
    """:func:`reindex` from column values (rows written without the ORM, e.g. sync pulls)."""
    conn = session.connection()
    conn.execute(DELETE, {"pid": person_id})
    if values.get("deleted") or values.get("erased_at") or values.get("merged_into"):
        return
    conn.execute(ID_ROW, {"pid": person_id})
    keys = index_keys([values.get(f) or "" for f in NAME_FIELDS])
    conn.execute(INSERT, {"pid": person_id, "keys": keys})


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    watched = _INDEXED
    for obj in session.new:
        if isinstance(obj, Person):
            reindex(session, obj)
    for obj in session.dirty:
        if isinstance(obj, Person) and session.is_modified(obj):
            state = obj.__dict__.get("_sa_instance_state")
            if state is None or any(state.attrs[f].history.has_changes() for f in watched):
                reindex(session, obj)


def install(factory: sessionmaker[Session]) -> None:
    """Keep the index in step with every flush of the factory's sessions."""
    from sqlalchemy import event

    event.listen(factory, "after_flush", _after_flush)


# ===================================================================== queries
@dataclass(frozen=True)
class Match:
    person_id: str
    display_name: str
    birth_year: int | None
    citizenships: tuple[str, ...]
    score: float


def _similarity(query_tokens: list[str], person_tokens: list[str]) -> float:
    """Mean over query words of the best spelling match among the person's words.

    Only words with a compatible skeleton are compared (the index matched on those), which
    keeps the costly ratio to one or two comparisons per word.
    """
    if not query_tokens or not person_tokens:
        return 0.0
    keyed = [(p, skeleton(p)) for p in person_tokens]
    total = 0.0
    for q in query_tokens:
        q_key = skeleton(q)
        best = 0.0
        for p, p_key in keyed:
            if p.startswith(q):
                best = 1.0  # the operator is still typing this word
                break
            if p_key.startswith(q_key):
                best = max(best, SequenceMatcher(None, q, p).ratio())
        total += best
    return total / len(query_tokens)


def find_people(
    session: Session,
    query: str,
    birth_year: int | None = None,
    citizenship: str | None = None,
    limit: int = 20,
) -> list[Match]:
    """People whose names match ``query`` however transliterated, best first."""
    expression = _match_expression(query)
    if expression is None:
        return []
    rows = session.execute(
        text(
            "SELECT i.person_id FROM person_search s "
            "JOIN person_search_ids i ON i.rid = s.rowid "
            "WHERE person_search MATCH :q ORDER BY rank LIMIT :n"
        ),
        {"q": expression, "n": CANDIDATES},
    ).scalars()
    ids = list(rows)
    if not ids:
        return []
    people = session.execute(
        select(
            Person.id,
            Person.given_name,
            Person.family_name,
            Person.given_name_latin,
            Person.family_name_latin,
            Person.birth_year,
            Person.citizenships,
        ).where(Person.id.in_(ids))
    ).all()
    query_tokens = tokens(query)
    matches = [_score(row, query_tokens, birth_year, citizenship) for row in people]
    matches.sort(key=lambda m: (-m.score, m.display_name))
    return matches[:limit]


def _score(
    row: Any, query_tokens: list[str], birth_year: int | None, citizenship: str | None
) -> Match:
    names = [row.given_name, row.family_name, row.given_name_latin, row.family_name_latin]
    person_tokens = [t for n in names for t in tokens(n or "")]
    score = _similarity(query_tokens, person_tokens)
    if birth_year is not None and row.birth_year is not None:
        score += (
            0.2 if row.birth_year == birth_year else -0.1 * min(3, abs(row.birth_year - birth_year))
        )
    cits = tuple(row.citizenships or ())
    if citizenship and citizenship in cits:
        score += 0.1
    latin = " ".join(n for n in (row.given_name_latin, row.family_name_latin) if n)
    written = " ".join(n for n in (row.given_name, row.family_name) if n)
    return Match(row.id, latin or written, row.birth_year, cits, round(score, 4))
