"""The synced entities as the protocol sees them: names, fields, types and scope.

Built once from ``models.schema`` so the desk store, the protocol schemas and the central
server can never disagree on what a field is. Each entity gets a pydantic model of its
fields (all optional, unknown fields refused, types strict), which validates every change
that crosses the wire in either direction and appears in the server's OpenAPI description.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, create_model
from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.sql.type_api import TypeEngine

from models.schema import SYNCED_TABLES, Synced

# Rows that every desk receives and only the central server writes (service catalog, desks).
CENTRAL_ONLY = frozenset({"desks", "services"})
# Rows that every desk receives: reference data (code lists are edited by coordinators).
REFERENCE = frozenset({"desks", "services", "reference_values"})
# Rows created by the central server only; desks may update them (resolve, decide).
SERVER_CREATED = frozenset({"sync_conflicts", "duplicate_flags"})
# Legal content stays with the desk whose advisor wrote it.
DESK_ONLY = frozenset({"consultations"})

MAX_TEXT = 20_000  # characters in one free-text field
MAX_JSON_ITEMS = 50
NO_NUL = r"^[^\x00]*$"
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


JsonValue = str | int | float | bool | None


def _python_type(sql_type: TypeEngine[Any]) -> Any:
    """The strict pydantic type for one column type."""
    if isinstance(sql_type, Boolean):
        return StrictBool
    if isinstance(sql_type, Integer | BigInteger):
        # a desk stores integers in SQLite's 64 bits: a larger one accepted here would stop
        # every desk in the record's scope at the pull that brings it
        return Annotated[StrictInt, Field(ge=-(2**63), lt=2**63)]
    if isinstance(sql_type, DateTime):
        return datetime
    if isinstance(sql_type, Date):
        return date
    if isinstance(sql_type, JSON):
        return Annotated[list[JsonValue] | dict[str, JsonValue] | JsonValue, Field()]
    # no NUL characters: PostgreSQL text cannot hold them (the server would fail with 500)
    if isinstance(sql_type, String) and sql_type.length:
        return Annotated[str, Field(max_length=sql_type.length, pattern=NO_NUL)]
    if isinstance(sql_type, Text | String):
        return Annotated[str, Field(max_length=MAX_TEXT, pattern=NO_NUL)]
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
            kind = _python_type(column.type)
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


def normalise(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """Validate field values of one entity and return them in wire form (JSON types).

    Raises ``pydantic.ValidationError`` for unknown fields or wrong types; the message
    names fields, never values.
    """
    model = ENTITIES[entity].model
    return model.model_validate(values).model_dump(mode="json", exclude_unset=True)
