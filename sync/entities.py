"""The synced entities as the protocol sees them: names, fields, types and scope.

Built once from ``models.schema`` so the desk store, the protocol schemas and the central
server can never disagree on what a field is. Each entity gets a pydantic model of its
fields (all optional, unknown fields refused, types strict), which validates every change
that crosses the wire in either direction and appears in the server's OpenAPI description.

Every string refuses NUL and lone surrogates; identifiers and codes (every String column
not in :data:`FREE_TEXT`) also refuse control characters and bidi embedding, override and
isolate controls; every JSON column has its own item type (:data:`JSON_FIELDS`) with a
bound on its items. A record stored before these checks is left out of pulls
(:func:`wire_data`) rather than failing them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    WithJsonSchema,
    create_model,
)
from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.sql.type_api import TypeEngine

from models import legal
from models.schema import SYNCED_TABLES, Synced

# Rows that every desk receives and only the central server writes (service catalog, desks).
CENTRAL_ONLY = frozenset({"desks", "services"})
# Rows that every desk receives: reference data (code lists are edited by coordinators).
REFERENCE = frozenset({"desks", "services", "reference_values"})
# Rows created by the central server only; desks may update them (resolve, decide).
SERVER_CREATED = frozenset({"sync_conflicts", "duplicate_flags"})
# Legal content stays with the desk whose advisor wrote it.
DESK_ONLY = frozenset({"consultations"})

log = logging.getLogger(__name__)

MAX_TEXT = 20_000  # characters in one free-text field
MAX_JSON_ITEMS = 50  # items in one JSON list (or keys in one JSON object)
MAX_JSON_DEPTH = 2  # containers inside containers in a conflict's value
MAX_KEY = 64  # characters in a key of a JSON object
NO_NUL = r"^[^\x00]*$"
# Identifiers, codes and statuses: no control characters (C0, DEL, C1) and no bidi
# embedding, override or isolate controls, which make one code display as another.
_CONTROLS = r"\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
IDENTIFIER = "^[^" + _CONTROLS + "]*$"
CODE = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"  # an item of a code list (what to bring, reasons)
COUNTRY = r"^[A-Z]{2}$"  # ISO 3166-1 alpha-2, as models.validate.country stores it
LANGUAGE = r"^[a-z]{2,3}$"  # ISO 639-1 or 639-2/3, as models.validate.language stores it
MAX_CODES = 10  # citizenships and languages (models.validate caps the lists at ten)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# String columns written by people as they speak (any script, right-to-left included):
# only NUL and lone surrogates are refused. Every other String column is an identifier.
FREE_TEXT = frozenset(
    {
        "name", "host", "address", "name_it", "name_en", "provider", "hours", "contact",
        "label_it", "label_en", "given_name", "family_name", "given_name_latin",
        "family_name_latin", "email", "issuer", "appointment_place", "label_a", "label_b",
    }
)  # fmt: skip
# Fields whose value must not be compared or chosen by the generic merge.
SYSTEM_FIELDS = Synced.SYSTEM_FIELDS


@dataclass(frozen=True)
class Entity:
    """One synced table: its name, field types, and the field that ties it to a person."""

    name: str
    table: Any  # sqlalchemy Table
    fields: tuple[str, ...]
    required: frozenset[str]  # fields an insert must carry (NOT NULL)
    person_field: str | None
    model: type[BaseModel]


def _utf8(value: str) -> str:
    """Refuse lone surrogates: no UTF-8 text (nor PostgreSQL, nor the JSON encoder) holds
    them, so one stored would fail every later answer that carries it."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text with a lone surrogate") from None
    return value


def _text(max_length: int, pattern: str = NO_NUL) -> Any:
    # pydantic-core refuses a lone surrogate itself (its strings are UTF-8: "unable to
    # parse raw data as a unicode string"), in Python and JSON input alike, so no Python
    # call per string (test_poison and test_api_input send them); _utf8 guards the values
    # checked in Python below
    return Annotated[str, Field(max_length=max_length, pattern=pattern)]


def _legal_text(value: str) -> str:
    """A legal field (``models.legal``): sealed text from a desk of this version, or the
    plain text an older desk still sends (within the plain limit)."""
    if legal.is_sealed(value):
        if not legal.looks_sealed(value):
            raise ValueError("not a well-formed sealed field")
        return value
    if len(value) > MAX_TEXT or "\x00" in value:
        raise ValueError("text too long or with NUL")
    return _utf8(value)


# Sealed text is longer than the plain text it holds: the pattern and length are checked
# by _legal_text, after the outer bound.
LegalText = Annotated[str, Field(max_length=legal.MAX_SEALED_TEXT), AfterValidator(_legal_text)]
LEGAL_FIELDS = frozenset(("consultations", name) for name in legal.SEALED_FIELDS)


def _codes(item: str, max_items: int, max_length: int) -> Any:
    """A JSON list of at most ``max_items`` codes, each matching ``item``."""
    code: Any = _text(max_length, item)
    return Annotated[list[code], Field(max_length=max_items)]


def _iso_or_value(value: Any) -> Any:
    """Dates travel as ISO text: a number would be read as a Unix time (a typo turned into
    a date), anything else is refused by the type itself."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("dates and times are ISO text")
    return value


def _naive(value: datetime) -> datetime:
    # every time the desks store is naive (wall clock or UTC by field); one with an offset
    # would not compare with them and stop the desk's lists
    if value.tzinfo is not None:
        raise ValueError("times carry no time zone offset")
    return value


WireDateTime = Annotated[datetime, BeforeValidator(_iso_or_value), AfterValidator(_naive)]


def stored_datetime(value: Any) -> datetime | None:
    """A time as a record's fields hold it (ISO text, or already a datetime), without a
    time zone; None when it is missing or unreadable (reads of stored records never fail
    on one odd value)."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=None)


WireDate = Annotated[date, BeforeValidator(_iso_or_value)]

# The type of a desk code (``origin_desk`` of a pulled change, ``desk_code``, ``from_desk``).
DeskCodeText = _text(32, IDENTIFIER)

_KEY = re.compile("[^" + _CONTROLS + "]{1," + str(MAX_KEY) + "}")  # a key of a JSON object


def _field_value(value: Any) -> Any:
    """A field's value as a conflict record keeps it: JSON scalars (no floats: no synced
    field holds one, and NaN is not JSON), lists and objects, bounded in depth, items and
    characters."""
    budget = [legal.MAX_SEALED_TEXT]  # characters of every string together (a sealed field)

    def check(item: Any, depth: int) -> None:
        if item is None or isinstance(item, bool):
            return
        if isinstance(item, int):
            if not -(2**63) <= item < 2**63:
                raise ValueError("integer out of range")
            return
        if isinstance(item, str):
            _utf8(item)
            budget[0] -= len(item)
            if "\x00" in item or budget[0] < 0:
                raise ValueError("text too long or with NUL")
            return
        if not isinstance(item, list | dict):
            raise ValueError("not a JSON field value")
        if depth >= MAX_JSON_DEPTH or len(item) > MAX_JSON_ITEMS:
            raise ValueError("too deep or too many items")
        if isinstance(item, dict):
            for key in item:
                if not isinstance(key, str) or not _KEY.fullmatch(key):
                    raise ValueError("not a valid key")
                _utf8(key)
        for inner in item.values() if isinstance(item, dict) else item:
            check(inner, depth + 1)

    check(value, 0)
    return value


FieldValue = Annotated[
    Any,
    AfterValidator(_field_value),
    WithJsonSchema({"description": "a field's value: a JSON scalar, list or object"}),
]

# The item type of every JSON column: a JSON column without an entry here is an error.
JSON_FIELDS: dict[tuple[str, str], Any] = {
    ("services", "what_to_bring"): _codes(CODE, MAX_JSON_ITEMS, 48),
    ("persons", "citizenships"): _codes(COUNTRY, MAX_CODES, 2),
    ("persons", "languages"): _codes(LANGUAGE, MAX_CODES, 3),
    ("duplicate_flags", "reasons"): _codes(CODE, MAX_JSON_ITEMS, 48),
    ("sync_conflicts", "kept_value"): FieldValue,
    ("sync_conflicts", "other_value"): FieldValue,
}


def _python_type(sql_type: TypeEngine[Any], name: str = "", table: str = "") -> Any:
    """The strict pydantic type for one column (its type, and its name for the character
    class of strings and the item type of JSON)."""
    if isinstance(sql_type, Boolean):
        return StrictBool
    if isinstance(sql_type, Integer | BigInteger):
        # a desk stores integers in SQLite's 64 bits: a larger one accepted here would stop
        # every desk in the record's scope at the pull that brings it
        return Annotated[StrictInt, Field(ge=-(2**63), lt=2**63)]
    if isinstance(sql_type, DateTime):
        return WireDateTime
    if isinstance(sql_type, Date):
        return WireDate
    if isinstance(sql_type, JSON):
        if (table, name) not in JSON_FIELDS:
            raise TypeError(f"no item type for the JSON column {table}.{name}")
        return JSON_FIELDS[table, name]
    if (table, name) in LEGAL_FIELDS:
        return LegalText
    # no NUL characters: PostgreSQL text cannot hold them (the server would fail with 500)
    if isinstance(sql_type, Text):
        return _text(MAX_TEXT)
    if isinstance(sql_type, String) and sql_type.length:
        return _text(sql_type.length, NO_NUL if name in FREE_TEXT else IDENTIFIER)
    if isinstance(sql_type, String):
        return _text(MAX_TEXT)
    raise TypeError(f"no wire type for {sql_type!r}")


def _person_field(name: str, columns: set[str]) -> str | None:
    if name == "persons":
        return "id"
    if name == "duplicate_flags":
        return "person_a"
    return "person_id" if "person_id" in columns else None


def _build() -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    for cls in SYNCED_TABLES:
        table = cls.__table__  # type: ignore[attr-defined]
        fields = tuple(c.name for c in table.columns if c.name not in SYSTEM_FIELDS)
        spec: dict[str, Any] = {}
        for column in table.columns:
            if column.name in SYSTEM_FIELDS:
                continue
            kind = _python_type(column.type, column.name, table.name)
            spec[column.name] = (kind | None if column.nullable else kind, None)
        model = create_model(
            f"{table.name.title().replace('_', '')}Fields",
            __config__=ConfigDict(extra="forbid"),
            **spec,
        )
        entities[table.name] = Entity(
            name=table.name,
            table=table,
            fields=fields,
            required=frozenset(
                c.name for c in table.columns if c.name in fields and not c.nullable
            ),
            person_field=_person_field(table.name, set(fields)),
            model=model,
        )
    return entities


ENTITIES: dict[str, Entity] = _build()
NAMES: tuple[str, ...] = tuple(ENTITIES)


def defaults(entity: str) -> dict[str, Any]:
    """The column defaults of an entity's fields (what a desk would store when omitted)."""
    found: dict[str, Any] = {}
    for column in ENTITIES[entity].table.columns:
        default = column.default
        if column.name in SYSTEM_FIELDS or default is None:
            continue
        found[column.name] = default.arg if default.is_scalar else default.arg(None)
    return found


# entity -> its date and date-time fields: the only values whose wire form validation
# changes (any ISO form pydantic reads becomes ``isoformat()``)
TEMPORAL: dict[str, frozenset[str]] = {
    name: frozenset(
        c.name
        for c in entity.table.columns
        if c.name in entity.fields and isinstance(c.type, Date | DateTime)
    )
    for name, entity in ENTITIES.items()
}


def normalise(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """Validate field values of one entity and return them in wire form (JSON types).

    Raises ``pydantic.ValidationError`` for unknown fields or wrong types; the message
    names fields, never values. Every other type is strict, so a valid value is already
    in wire form: only dates and times are rewritten (no dump of the whole model).
    """
    if not values:
        return {}
    checked = ENTITIES[entity].model.model_validate(values)
    out = dict(values)
    for name in TEMPORAL[entity].intersection(values):
        value = getattr(checked, name)
        out[name] = value.isoformat() if value is not None else None
    return out


def wire_data(entity: str, record_id: str, data: Any) -> dict[str, Any] | None:
    """The stored fields of one record as a pull sends them, or None when the record cannot
    be sent (unknown entity, an id that is not a UUID, fields that no longer validate:
    stored before the checks, or written wrongly by the server itself).

    A record left out is logged with its id and entity, never its values: one bad record
    must not fail the page of every desk in its scope.
    """
    known = ENTITIES.get(entity)
    if not isinstance(record_id, str) or not _UUID.fullmatch(record_id):
        log.warning("a record with an invalid id is left out of the pull")
        return None
    if known is None or not isinstance(data, dict):
        log.warning("record %s is left out of the pull: not a synced record", record_id)
        return None
    try:
        known.model.model_validate(data)
    except ValidationError:
        log.warning("record %s (%s) is left out of the pull: its fields are not valid",
                    record_id, entity)  # fmt: skip
        return None
    return data


def wire_text(entity: str, record_id: str, text: str | None) -> str | None:
    """:func:`wire_data` for a record's fields as the database holds them (JSON text):
    checked without decoding them into Python (pydantic reads the JSON itself), and
    returned as they are, to be sent unchanged."""
    known = ENTITIES.get(entity)
    if not isinstance(record_id, str) or not _UUID.fullmatch(record_id):
        log.warning("a record with an invalid id is left out of the pull")
        return None
    if known is None or text is None:
        log.warning("record %s is left out of the pull: not a synced record", record_id)
        return None
    try:
        known.model.model_validate_json(text)
    except ValidationError:
        log.warning("record %s (%s) is left out of the pull: its fields are not valid",
                    record_id, entity)  # fmt: skip
        return None
    return text


def _parents_first() -> tuple[str, ...]:
    """The entities ordered so that every one comes after the entities its foreign keys
    point at (a snapshot sends parents before the rows hanging off them)."""
    parents = {
        name: {fk.column.table.name for fk in entity.table.foreign_keys} - {name}
        for name, entity in ENTITIES.items()
    }
    ordered: list[str] = []
    while len(ordered) < len(parents):
        ready = [n for n in parents if n not in ordered and parents[n] <= set(ordered)]
        if not ready:  # a cycle: keep the declared order for the rest
            ready = [n for n in parents if n not in ordered]
        ordered += ready
    return tuple(ordered)


PARENTS_FIRST: tuple[str, ...] = _parents_first()
