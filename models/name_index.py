"""The name index: one FTS5 row of name keys per live person, inside the encrypted store.

FTS5 runs inside SQLCipher like any table, so the index is encrypted with the rest and kept
in the same transaction as the person (:mod:`models.search` installs the upkeep; sync pulls
call :func:`write_many`). Columns (see :mod:`models.names` for the keys):

``w``      the folded units: words, words run together, parts of compound words
``s``      their skeletons (``mhmd``); :mod:`models.duplicates` looks candidates up here
``c``      their consonant-class keys (``mhmt``)
``d``      the one-deletion neighbours of the longer class keys (typos)
``n``      ids of the equivalent-name groups (Sasha with Oleksandr)
``f``      facts that rank: ``y<birth year>``, ``c<citizenship>``, and ``all`` in every row
``forms``  (not indexed) the folded words of each name field, so that ranking needs no
           second transliteration: ``word`` with ``~`` for optional, ``^`` for Arabic
           script; fields separated by ``|``

Changing what :func:`document` writes needs a migration that calls :func:`rebuild`, so
that stores in the field get the new keys (see revision 0003).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Set
from typing import Any

from sqlalchemy import Connection, text

from models.names import Keys, Word, deletions, equivalents, units, words

NAME_FIELDS = ("given_name", "family_name", "given_name_latin", "family_name_latin")
# Person columns the index depends on: a change to one of them rewrites the person's row.
INDEXED = (*NAME_FIELDS, "birth_year", "citizenships", "deleted", "erased_at", "merged_into")
COLUMNS = ("w", "s", "c", "d", "n", "f", "forms")
# bm25 weight of each column, in COLUMNS order, when ranking index hits.
WEIGHTS = (4.0, 2.0, 1.0, 0.5, 2.0, 1.0, 0.0)
ALL = "all"

CREATE_INDEX = (
    "CREATE VIRTUAL TABLE person_search USING fts5("
    "w, s, c, d, n, f, forms UNINDEXED, prefix='2 3', tokenize='unicode61 remove_diacritics 0')"
)

DELETE = text(
    "DELETE FROM person_search WHERE rowid = "
    "(SELECT rid FROM person_search_ids WHERE person_id = :pid)"
)
ID_ROW = text("INSERT OR IGNORE INTO person_search_ids (person_id) VALUES (:pid)")
INSERT = text(
    "INSERT INTO person_search (rowid, w, s, c, d, n, f, forms) "
    "SELECT rid, :w, :s, :c, :d, :n, :f, :forms FROM person_search_ids WHERE person_id = :pid"
)


# ===================================================================== documents
def name_fields(values: Mapping[str, Any]) -> list[list[Word]]:
    """The words of the four name fields of a person's column values."""
    return [words(values.get(name) or "") for name in NAME_FIELDS]


def document(values: Mapping[str, Any], keys: Keys | None = None) -> dict[str, str]:
    """The index row (column → text) of a person's column values."""
    keys = keys or Keys()
    fields = name_fields(values)
    found: dict[str, list[str]] = {c: [] for c in COLUMNS[:-2]}
    for unit in units(fields):
        found["w"].append(unit.text)
        found["s"].append(keys.skeleton(unit.text))
        key = keys.coarse(unit.text, unit.abjad)
        found["c"].append(key)
        if unit.kind != "join":
            found["d"].extend(deletions(key))
        found["n"].extend(equivalents(unit.text))
        if unit.abjad:  # Arabic ذ and ث as said in Egypt and South Asia (Shazly, Usman)
            for reading in (unit.text.replace("dh", "z"), unit.text.replace("th", "s")):
                if reading != unit.text:
                    found["c"].append(keys.coarse(reading, True))
                    found["s"].append(keys.skeleton(reading))
    facts = [ALL]
    year = values.get("birth_year")
    if isinstance(year, int):
        facts.append(f"y{year}")
    facts += [f"c{code.lower()}" for code in _codes(values.get("citizenships"))]
    row = {column: " ".join(dict.fromkeys(terms)) for column, terms in found.items()}
    row["f"] = " ".join(facts)
    row["forms"] = encode_forms(fields)
    return row


def _codes(value: Any) -> list[str]:
    if isinstance(value, str):  # raw JSON text from a plain SELECT
        value = json.loads(value) if value else []
    return [c for c in value or () if isinstance(c, str) and c.isalpha()]


def encode_forms(fields: Iterable[Iterable[Word]]) -> str:
    return "|".join(
        " ".join(w.text + ("~" if w.optional else "") + ("^" if w.abjad else "") for w in field)
        for field in fields
    )


def decode_forms(forms: str) -> list[list[Word]]:
    """The name fields' words back from the ``forms`` column."""
    fields: list[list[Word]] = []
    for field in forms.split("|"):
        found = []
        for item in field.split():
            abjad = item.endswith("^")
            item = item.rstrip("^")
            optional = item.endswith("~")
            found.append(Word(item.rstrip("~"), optional=optional, abjad=abjad))
        fields.append(found)
    return fields


# ===================================================================== upkeep
def is_live(values: Mapping[str, Any]) -> bool:
    return not (values.get("deleted") or values.get("erased_at") or values.get("merged_into"))


def write_many(
    conn: Connection, people: Mapping[str, Mapping[str, Any]], new: Set[str] = frozenset()
) -> None:
    """Rewrite the index rows of ``people`` (person id → column values); people who are
    tombstoned, erased or merged lose their row. A few statements for the whole batch.
    ``new``: people inserted by this flush, who have no row yet to remove."""
    if not people:
        return
    old = [{"pid": pid} for pid in people if pid not in new]
    if old:
        conn.execute(DELETE, old)
    keys = Keys()
    live = [
        {"pid": pid, **document(values, keys)} for pid, values in people.items() if is_live(values)
    ]
    if live:
        conn.execute(ID_ROW, [{"pid": row["pid"]} for row in live])
        conn.execute(INSERT, live)


def rebuild(conn: Connection, batch: int = 2000) -> int:
    """Drop and refill the whole index from the persons table; returns the rows written."""
    conn.execute(text("DELETE FROM person_search"))
    conn.execute(text("DELETE FROM person_search_ids"))
    select_page = text(
        f"SELECT {', '.join(('id', *INDEXED))} FROM persons "
        "WHERE deleted = 0 AND erased_at IS NULL AND merged_into IS NULL AND id > :after "
        "ORDER BY id LIMIT :n"
    )
    written, after = 0, ""
    while True:
        page = {
            row["id"]: dict(row)
            for row in conn.execute(select_page, {"after": after, "n": batch}).mappings()
        }
        if not page:
            optimize(conn)
            return written
        write_many(conn, page)
        written += len(page)
        after = max(page)


def optimize(conn: Connection) -> None:
    """Merge the index's segments into one (faster lookups, deleted entries dropped)."""
    conn.execute(text("INSERT INTO person_search(person_search) VALUES ('optimize')"))
