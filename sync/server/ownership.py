"""Who owns which field: what a desk may write, checked on every pushed mutation.

The server assigns or verifies every field that names a desk, a number space or a
status, so a desk credential can never forge what another desk or the Welcome Center
owns (``sync/PROTOCOL.md``, "Ownership"):

- the origin desk of a record is the credential's desk (the merge sets it);
- a referral is created as a draft, by the pushing desk (``from_desk``), numbered within
  that desk's prefix; its number and desk never change afterwards;
- a referral status is set only through the lifecycle, and only by the side that owns the
  target status (desks: sent, cancelled; MWC staff: the others, see ``models.referrals``);
- a status event comes with the status change it records, in the same desk transaction;
  events are append-only (a tombstone with its note blanked is the only change);
- a visit is recorded at the pushing desk; ``merged_into`` is set by the server's merge;
- duplicate flags and conflict records are the server's: a desk only sends a decision
  (the status and survivor of a flag, the resolution of a conflict).

A refusal is a reason code (``MutationResult.reason``): the whole desk transaction is
rejected and the desk shows it in its list of refused changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from models.referrals import CENTRAL_STATUSES, DRAFT, SERVICE_MARK
from sync.protocol import Mutation
from sync.server.schema import Record
from sync.server.writes import Draft

NOT_YOUR_DESK = "not_your_desk"
NOT_YOUR_NUMBER = "not_your_number"
STATUS_NOT_YOURS = "status_not_yours"
SERVER_OWNED = "server_owned"
IMMUTABLE = "immutable_field"
EVENT_MISMATCH = "event_mismatch"
DECIDED = "already_decided"
NOT_IN_PAIR = "survivor_not_in_pair"
CONSENT_REQUIRED = "consent_required"

# Fields a desk may write on records the server creates (a decision, nothing else).
DECISIONS: dict[str, frozenset[str]] = {
    "duplicate_flags": frozenset({"status", "survivor", "decided_by"}),
    "sync_conflicts": frozenset({"status", "resolution", "resolved_by"}),
}
FLAG_DECISIONS = frozenset({"merge_requested", "dismissed"})
FLAG_UNDECIDED = frozenset({"open", "merge_requested"})
CONFLICT_RESOLUTIONS = frozenset({"kept", "other"})
# Fields only the server (or MWC staff through it) sets, and fields fixed at creation.
SERVER_FIELDS: dict[str, frozenset[str]] = {
    "persons": frozenset({"merged_into"}),
    "referrals": frozenset({"appointment_at", "appointment_place"}),
}
FIXED: dict[str, frozenset[str]] = {
    "referrals": frozenset({"number", "from_desk"}),
    "visits": frozenset({"desk_code"}),
    "referral_events": frozenset({"referral_id", "from_status", "to_status", "at", "by"}),
}
STAFF_MARK = SERVICE_MARK  # how events written by MWC staff name their author


@dataclass
class DeskRules:
    """The pushing desk, its referral number space, and what its transaction does."""

    desk: str
    referral_prefix: str
    # referral id -> statuses this transaction moves it into, for its events to match
    moves: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, desk: str, referral_prefix: str, group: list[Mutation]) -> DeskRules:
        """The rules for one desk transaction (events may come before their change)."""
        rules = cls(desk, referral_prefix)
        for m in group:
            if m.entity == "referrals" and "status" in m.fields:
                rules.moves.setdefault(m.row_id, set()).add(str(m.fields["status"]))
        return rules

    def number_pattern(self) -> re.Pattern[str]:
        # a desk's second laptop adds its device number to the prefix (ACLI2-2026-00001)
        return re.compile(re.escape(self.referral_prefix) + r"[0-9]{0,3}-[0-9]{4}-[0-9]{5,}")


def refusal(
    rules: DeskRules,
    m: Mutation,
    record: Record | Draft | None,
    has_consent: Callable[[str], bool],
) -> str:
    """Why the desk may not write ``m`` ("" when it may). ``record`` is the server's copy
    (``None`` for a new record); ``has_consent`` tells if a person's sharing is covered."""
    tombstone = m.fields.get("deleted") is True
    if m.entity in DECISIONS and record is not None:
        return _decision(rules, m, record, has_consent)
    server_fields = SERVER_FIELDS.get(m.entity, frozenset()) & set(m.fields)
    blanks = all(m.fields[name] in (None, "") for name in server_fields)
    if record is None and not blanks:
        return SERVER_OWNED  # a new record starts without them
    if record is not None and server_fields and not (tombstone and blanks):
        return SERVER_OWNED  # an erasure blanks them with its tombstone: that is allowed
    if record is None:
        return _creation(rules, m)
    fixed = FIXED.get(m.entity, frozenset())
    if any(record.data.get(name) != m.fields[name] for name in fixed & set(m.fields)):
        return IMMUTABLE
    if m.entity == "referral_events" and set(m.fields) - {"deleted", "note"}:
        return IMMUTABLE
    if m.entity == "referral_events" and not tombstone:
        return IMMUTABLE  # append-only history
    moved = m.entity == "referrals" and m.fields.get("status", record.data.get("status"))
    if moved != record.data.get("status") and moved in CENTRAL_STATUSES:
        return STATUS_NOT_YOURS
    return ""


def _creation(rules: DeskRules, m: Mutation) -> str:
    values = m.fields
    if m.entity == "referrals":
        if values.get("from_desk") != rules.desk:
            return NOT_YOUR_DESK
        if not rules.number_pattern().fullmatch(str(values.get("number", ""))):
            return NOT_YOUR_NUMBER
        if values.get("status") != DRAFT:
            return STATUS_NOT_YOURS  # every referral starts as a draft at its desk
    elif m.entity == "visits":
        if values.get("desk_code") != rules.desk:
            return NOT_YOUR_DESK
    elif m.entity == "referral_events":
        if str(values.get("by", "")).startswith(STAFF_MARK):
            return SERVER_OWNED
        to_status = values.get("to_status")
        if to_status in CENTRAL_STATUSES:
            return STATUS_NOT_YOURS
        if to_status not in rules.moves.get(str(values.get("referral_id")), set()):
            return EVENT_MISMATCH  # an event only records a change made with it
    return ""


def _decision(
    rules: DeskRules, m: Mutation, record: Record | Draft, has_consent: Callable[[str], bool]
) -> str:
    if set(m.fields) - DECISIONS[m.entity] - {"deleted"} or m.fields.get("deleted"):
        return SERVER_OWNED
    data = record.data
    if m.entity == "sync_conflicts":
        if data.get("status") != "open":
            return DECIDED
        if m.fields.get("status", "resolved") != "resolved":
            return SERVER_OWNED
        if m.fields.get("resolution", data.get("resolution")) not in CONFLICT_RESOLUTIONS:
            return SERVER_OWNED
        return ""
    status = m.fields.get("status", data.get("status"))
    if data.get("status") not in FLAG_UNDECIDED or status not in FLAG_DECISIONS:
        return DECIDED
    if status == "merge_requested":
        pair = (data.get("person_a"), data.get("person_b"))
        if m.fields.get("survivor", data.get("survivor")) not in pair:
            return NOT_IN_PAIR
        if not all(has_consent(str(p)) for p in pair if p):
            return CONSENT_REQUIRED
    return ""
