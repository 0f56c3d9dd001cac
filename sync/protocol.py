"""Wire schemas of the sync protocol (see ``sync/PROTOCOL.md``), shared by desk and server.

Every request and response body is one of these pydantic models: the server validates what
it receives and what it sends, the desk validates what it receives. Error bodies carry a
stable ``code`` (the desk translates it) and an English ``message`` for logs and tools;
neither ever contains a value taken from a person's record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from sync.entities import ENTITIES, NAMES, NO_NUL, WireDateTime

PROTOCOL_VERSION = 4
# The server accepts the current version and the ones before it that desks in the field
# still speak (R17): 1 and 2 (no audit anchor, no credential rotation) and 3 (batches of
# 200, no snapshot) keep working.
SUPPORTED_VERSIONS = frozenset({1, 2, 3, 4})
ANCHOR_VERSION = 3  # the first version with /v1/anchor and the audit fields of hello
BULK_VERSION = 4  # the first version with large batches and /v1/snapshot
PROTOCOL_HEADER = "X-Arco-Protocol"
MAX_BATCH = 200  # mutations per push of a protocol 1-3 desk (R4)
MAX_BULK_BATCH = 5000  # mutations per push from protocol 4, within the body limit
MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_PAGE = 5000
DEFAULT_PAGE = 1000

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Uuid = Annotated[str, Field(pattern=UUID_PATTERN)]
DeskCode = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")]
Stamp = Annotated[StrictInt, Field(ge=0, lt=2**63)]
EntityName = Literal[NAMES]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(Strict):
    """Every error answer: a stable code for the desk, a message for people reading logs."""

    code: str
    message: str
    mutation_ids: list[str] = []
    errors: list[str] = []


# ===================================================================== enrolment
class EnrolRequest(Strict):
    code: Annotated[str, Field(min_length=8, max_length=64)]
    desk: DeskCode
    device_name: Annotated[str, Field(max_length=100, pattern=NO_NUL)] = ""


class EnrolResponse(Strict):
    device_id: Uuid
    secret: str
    desk: DeskCode
    epoch: str
    device_number: int = 1  # 1 for a desk's first device, 2 for its second…


# ===================================================================== handshake
class HelloRequest(Strict):
    schema_version: Annotated[str, Field(max_length=32)] = ""
    client_time_ms: Stamp
    hlc: Stamp = 0
    cursor: Stamp = 0
    outbox_depth: Annotated[StrictInt, Field(ge=0, lt=2**31)] = 0  # an INTEGER column


class HelloResponse(Strict):
    desk: DeskCode
    epoch: str
    server_time_ms: int
    server_hlc: int
    clock_offset_ms: int
    clock_suspect: bool
    latest_seq: int
    # protocol 3: the desk's audit chain as the server last anchored it (0, "": never)
    audit_length: int = 0
    audit_head: str = ""


# ===================================================================== audit anchor
Hash = Annotated[str, Field(pattern=r"^([0-9a-f]{64})?$")]
AnchorStatus = Literal["ok", "shortened", "rewritten", "restored"]


class AnchorRequest(Strict):
    """The desk's audit chain now: its length and head, the hash of its event at the length
    the server anchored last (``HelloResponse.audit_length``; "" when the chain is shorter),
    and its latest restore event (0, "": none)."""

    length: Stamp
    head: Hash
    anchored_length: Stamp = 0
    at_anchor: Hash = ""
    restore_seq: Stamp = 0
    restore_hash: Hash = ""


class AnchorResponse(Strict):
    """``status``: what this anchor found (``ok``, or how the chain went back since the last
    anchor); ``flag``: the finding still open for central coordinators ("" when none);
    ``length``/``head``: the anchor now stored; ``secret``: the device's next secret
    (credential rotation: the desk stores it and uses it from its next request)."""

    status: AnchorStatus
    flag: str
    length: int
    head: str
    secret: str


# ===================================================================== legal keys
KeyId = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
PublicKey = Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{43}=$")]  # 32 bytes, base64
SealedRing = Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]+={0,2}$", max_length=1024)]
RecipientId = Annotated[str, Field(pattern=r"^(device:[0-9a-f-]{36}|staff):[^\x00-\x1f]{1,64}$")]
LoginText = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f]+$")]


class LegalRecipient(Strict):
    """A legal advisor of the calling computer: the public key of their key slot and the
    store it belongs to (the sealed ring is bound to both)."""

    login: LoginText
    public: PublicKey
    store_id: Uuid


class LegalGrant(Strict):
    """The calling computer's legal key ring sealed to ``recipient`` (``giver_key_id``: the
    ring's first key; ``key_ids``: every key in it)."""

    recipient: RecipientId
    giver_key_id: KeyId
    key_ids: Annotated[list[KeyId], Field(min_length=1, max_length=16)]
    sealed: SealedRing


class LegalKeysRequest(Strict):
    """What the calling computer says of its legal keys at a sync: its legal advisors (all
    of them, every time: one left out is one gone), the ids of the keys it can seal now (a
    legal advisor is signed in; else empty) and the grants it made for ``wanted``."""

    recipients: Annotated[list[LegalRecipient], Field(max_length=64)] = []
    key_ids: Annotated[list[KeyId], Field(max_length=16)] = []
    grants: Annotated[list[LegalGrant], Field(max_length=256)] = []


class LegalWanted(Strict):
    """Someone who should hold the caller's keys and lacks one: a legal advisor of another
    computer of the desk, or an MWC legal staff member (``store_id`` "central")."""

    recipient: RecipientId
    kind: Literal["advisor", "staff"]
    login: str
    public: PublicKey
    store_id: str


class GrantedRing(Strict):
    """A ring another giver sealed to one of the caller's legal advisors."""

    login: str
    giver_key_id: KeyId
    key_ids: list[KeyId]
    sealed: SealedRing


class LegalKeysResponse(Strict):
    wanted: list[LegalWanted] = []
    grants: list[GrantedRing] = []


# ===================================================================== push
Op = Literal["insert", "update", "delete"]


class Mutation(Strict):
    """One captured change (an outbox row). ``fields`` are checked against the entity."""

    mutation_id: Uuid
    tx_id: Uuid
    entity: EntityName
    row_id: Uuid
    op: Op
    fields: dict[str, Any]
    base_values: dict[str, Any] = {}
    base_hlc: Stamp = 0
    hlc: Stamp
    operator: Annotated[str, Field(max_length=64)] = ""
    schema_version: Annotated[str, Field(max_length=32)] = ""

    @model_validator(mode="before")
    @classmethod
    def _upcast_v1(cls, data: Any) -> Any:
        """Protocol 1 called a mutation's fields ``values``: read it as protocol 2."""
        if isinstance(data, dict) and "values" in data and "fields" not in data:
            data = {**data, "fields": data["values"]}
            del data["values"]
        return data

    @model_validator(mode="after")
    def _fields_match_entity(self) -> Mutation:
        from sync.entities import normalise

        self.fields = normalise(self.entity, self.fields)
        self.base_values = normalise(self.entity, self.base_values)
        if not self.fields:
            raise ValueError("a mutation changes at least one field")
        if self.op == "insert":
            missing = ENTITIES[self.entity].required - set(self.fields)
            if missing:
                raise ValueError(f"insert lacks fields: {', '.join(sorted(missing))}")
        if self.op == "delete" and self.fields.get("deleted") is not True:
            raise ValueError("a delete sets deleted to true")
        return self


class PushRequest(Strict):
    batch_id: Uuid
    mutations: Annotated[list[Mutation], Field(min_length=1, max_length=MAX_BULK_BATCH)]


MutationStatus = Literal["applied", "duplicate", "conflict", "superseded", "rejected"]


class MutationResult(Strict):
    mutation_id: str
    status: MutationStatus
    reason: str = ""


class PushResponse(Strict):
    batch_id: str
    results: list[MutationResult]
    server_hlc: int


# ===================================================================== pull
class Change(Strict):
    """The latest state of one record (not its history)."""

    seq: int
    entity: EntityName
    id: Uuid
    hlc: int
    origin_desk: str
    deleted: bool
    created_at: datetime
    updated_at: datetime
    data: dict[str, Any]


class PullResponse(Strict):
    epoch: str
    changes: list[Change]
    next_cursor: int
    has_more: bool


class SnapshotHeader(Strict):
    """The first line of a snapshot (protocol 4): the epoch, the sequence it was read at
    (the desk pulls on from there) and how many changes follow."""

    epoch: str
    as_of: int
    count: int


class SnapshotEnd(Strict):
    """The last line of a snapshot: how many changes it sent (a cut stream has none)."""

    end: bool
    count: int


# ===================================================================== MWC staff
class StaffReferral(Strict):
    id: str
    number: str
    target_service: str
    status: str
    from_desk: str
    appointment_at: datetime | None
    appointment_place: str
    updated_at: datetime


class StaffConsultation(Strict):
    """A consultation escalated to MWC's second-level legal advice, opened for a member of
    that service with the legal key ring its desk granted them."""

    id: str
    desk: str
    at: str | None
    topic: str
    question: str | None
    advice: str | None
    outcome: str | None
    escalation_reason: str | None


class StatusUpdate(Strict):
    status: Literal["accepted", "appointment_set", "completed", "declined", "no_show"]
    note: Annotated[str, Field(max_length=2000)] = ""
    appointment_at: WireDateTime | None = None
    appointment_place: Annotated[str, Field(max_length=300)] = ""


class StaffDuplicate(Strict):
    """A duplicate flag as a central coordinator sees it (with both people's labels)."""

    id: str
    person_a: str
    person_b: str
    label_a: str
    label_b: str
    score: int
    reasons: list[str]
    status: str
    survivor: str | None
    decided_by: str


class MergeApprovalRequest(Strict):
    survivor: Uuid


class StaffAnchor(Strict):
    """A device's audit anchor as a central coordinator sees it (ids and counts only)."""

    device_id: str
    desk: str
    length: int
    flag: str
    flagged_at: datetime | None
    flags: int
    anchored_at: datetime | None
