"""The desk side of sync: enrolment and the sync cycle (hello, push, pull).

Rules kept here (numbers from SYNC-DESIGN.md):
- push is FIFO by ``op_seq`` in batches that never split a desk transaction (R4); a batch
  id derived from its first and last mutation makes a retried batch the same batch (R5);
- the answer to a push is applied in one local transaction: acknowledged rows leave the
  outbox, refused ones move to ``sync_rejected``, visible, never dropped (R6, R7);
- each pull page and the new cursor are written in one local transaction (R9); fields with
  changes still in the outbox keep their local value (rebase, R8);
- no network I/O happens while a local write transaction is open (R3).

Crash points (:data:`CRASH_POINTS`) let tests stop the cycle where a real crash could.
The credential lives in the encrypted store's ``meta`` table, wrapped under a device secret
kept outside the store (``sync.credential``); the server hands out a new secret at every
anchor (rotation), stored before it is used.

After hello, the desk anchors its audit chain at the server (``/v1/anchor``, protocol 3):
length, head, the hash at the server's last anchor and the latest restore event. The server
answers what it found (a chain that went back is flagged for central coordinators, and sync
goes on); the desk keeps the anchor in ``meta`` for ``verify`` and the open flag for the
status bar.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import UniqueConstraint, delete, func, select, tuple_
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from models import audit, device_policy, gdpr, legal_grants, search
from models.clock import utcnow
from models.referrals import TAG_KEY
from models.roles import Actor
from models.schema import Meta, OutboxEntry, RejectedChange, SyncRun
from models.store import OpenStore
from sync import credential as creds
from sync.entities import ENTITIES, DeskCodeText
from sync.protocol import (
    DEFAULT_PAGE,
    MAX_BATCH,
    AnchorResponse,
    Change,
    EnrolResponse,
    HelloResponse,
    LegalGrant,
    LegalKeysRequest,
    LegalKeysResponse,
    LegalRecipient,
    PullResponse,
    PushResponse,
)
from sync.transport import InsecureServer, ServerRefused, Transport, TransportError

log = logging.getLogger(__name__)
T = TypeVar("T")

SERVER_URL = "sync.server_url"
DEVICE_ID = creds.DEVICE_ID
SECRET = creds.SECRET  # the wrapped credential (sync.credential), never the plaintext secret
CA_BUNDLE = "sync.ca_bundle"
ALLOW_INSECURE = "sync.allow_insecure"
EPOCH = "sync.epoch"
CURSOR = "sync.cursor"
REVOKED = device_policy.REVOKED
LAST_OK = device_policy.LAST_OK
CLOCK_SUSPECT = "sync.clock_suspect"
AUDIT_FLAG = "sync.audit_flag"  # the server's open finding about this desk's audit chain
SYNC_KEYS = (SERVER_URL, DEVICE_ID, SECRET, CA_BUNDLE, ALLOW_INSECURE, EPOCH, CURSOR, REVOKED)

# Where a crash can stop a cycle, each reached once per batch or page; and once per cycle:
# the anchor's answer (with the rotated secret) received but not yet stored.
ANCHOR_CRASH_POINT = "after_anchor_response"
CRASH_POINTS = (
    "before_push",
    "after_push_response",
    "inside_ack",
    "after_pull_page",
    "inside_apply",
)
BATCH_TARGET = MAX_BATCH
BATCH_BYTES = 512 * 1024  # R4; the server refuses bodies over MAX_BODY_BYTES
PAGE = DEFAULT_PAGE
_BATCH_NAMESPACE = uuid.UUID("6f0c5d0e-5a52-4d0e-9a3b-0e6a1d0c7e11")


class NotEnrolled(Exception):
    code = "not_enrolled"


class DeviceRevoked(Exception):
    code = "device_revoked"


@dataclass
class SyncReport:
    """What one cycle did (counts only: this ends up in the Sync view's history)."""

    pushed: int = 0
    pulled: int = 0
    rejected: int = 0
    conflicts: int = 0
    ok: bool = False
    error: str = ""
    wiped: bool = False
    revoked: bool = False  # the server revoked this computer: the store is sealed shut
    legal_keys_sent: int = 0  # legal key rings sealed to other computers or MWC legal staff
    legal_keys_received: int = 0  # rings for this computer's advisors (used at their unlock)
    refused_pulled: int = 0  # pulled changes not applied: not valid, key taken, no parent
    audit: str = ""  # what the server found at this anchor: ok, shortened, rewritten, restored
    audit_flag: str = ""  # the finding still open at the server ("" when none)


# ===================================================================== meta helpers
def _get(session: Session, key: str, default: str = "") -> str:
    row = session.get(Meta, key)
    return row.value if row is not None else default


def _set(session: Session, key: str, value: str) -> None:
    session.merge(Meta(key=key, value=value))


def is_enrolled(store: OpenStore) -> bool:
    with store.session() as session:
        return bool(_get(session, DEVICE_ID))


@dataclass(frozen=True)
class Status:
    """What the status bar and the Sync view show."""

    enrolled: bool
    server_url: str
    pending: int
    rejected: int
    last_ok: str
    revoked: bool
    clock_suspect: bool
    audit_flag: str = ""  # shortened, rewritten or restored: the server flagged this desk


def credential(store: OpenStore, keystore: creds.Keystore | None = None) -> str:
    """The ``<device id>.<secret>`` bearer credential of this desk (raises
    ``CredentialUnavailable`` when the device secret is not on this computer)."""
    with store.session() as session:
        found = creds.load(session, keystore or creds.Keystore())
    if found is None:
        raise NotEnrolled("this desk is not enrolled")
    return found.bearer


def status(store: OpenStore) -> Status:
    with store.session() as session:
        return Status(
            enrolled=bool(_get(session, DEVICE_ID)),
            server_url=_get(session, SERVER_URL),
            pending=session.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
            rejected=session.scalar(select(func.count()).select_from(RejectedChange)) or 0,
            last_ok=_get(session, LAST_OK),
            revoked=_get(session, REVOKED) == "1",
            clock_suspect=_get(session, CLOCK_SUSPECT) == "1",
            audit_flag=_get(session, AUDIT_FLAG),
        )


# ===================================================================== enrolment
def enrol(
    store: OpenStore,
    actor: Actor,
    server_url: str,
    code: str,
    device_name: str = "",
    ca_bundle: str | None = None,
    allow_insecure: bool = False,
    keystore: creds.Keystore | None = None,
) -> str:
    """Enrol this desk with the central server using a one-time code; returns the device id.

    Raises ``PermissionDenied`` for non-admins, ``InsecureServer`` for a plain-HTTP URL off
    loopback, ``ServerRefused`` (code ``enrolment_code_invalid``…) or ``TransportError``.
    """
    actor.require("sync.enrol")
    url = server_url.strip().rstrip("/")
    transport = Transport(url, ca_bundle=ca_bundle, allow_insecure=allow_insecure)
    try:
        body = transport.post(
            "/v1/enrol", {"code": code, "desk": store.desk, "device_name": device_name[:100]}
        )
    finally:
        transport.close()
    answer = EnrolResponse.model_validate(body)
    with store.session(actor) as session:
        creds.save(
            session,
            keystore or creds.Keystore(),
            creds.Credential(answer.device_id, answer.secret, 1),
        )
        for key, value in (
            (SERVER_URL, transport.base_url),
            (CA_BUNDLE, ca_bundle or ""),
            (ALLOW_INSECURE, "1" if allow_insecure else ""),
            (EPOCH, answer.epoch),
            (CURSOR, "0"),
            (REVOKED, ""),
            (AUDIT_FLAG, ""),
        ):
            _set(session, key, value)
        if answer.device_number > 1:
            _set(session, TAG_KEY, str(answer.device_number))
    return answer.device_id


# ===================================================================== the cycle
class SyncClient:
    """Runs sync cycles for one unlocked store. Not thread-safe: one worker owns it."""

    def __init__(
        self,
        store: OpenStore,
        transport: Transport | None = None,
        crash: Callable[[str], None] | None = None,
        page_size: int = PAGE,
        batch_size: int = BATCH_TARGET,
        keystore: creds.Keystore | None = None,
    ) -> None:
        self.store = store
        self.keystore = keystore or creds.Keystore()
        self._transport = transport
        self._crash = crash or (lambda _point: None)
        self.page_size = page_size
        self.batch_size = batch_size

    # ------------------------------------------------------------- plumbing
    def _open_transport(self) -> Transport:
        if self._transport is not None:
            return self._transport
        with self.store.session() as session:
            url = _get(session, SERVER_URL)
            device = _get(session, DEVICE_ID)
            ca_bundle = _get(session, CA_BUNDLE) or None
            insecure = _get(session, ALLOW_INSECURE) == "1"
            revoked = _get(session, REVOKED) == "1"
        if not device:
            raise NotEnrolled("this desk is not enrolled")
        if revoked:
            raise DeviceRevoked("this device was revoked")
        self._transport = Transport(url, credential(self.store, self.keystore), ca_bundle, insecure)
        return self._transport

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
            self._transport = None

    # ------------------------------------------------------------- cycle
    def sync(self) -> SyncReport:
        """One cycle: hello, push until the outbox is empty, pull until up to date.

        Never raises for network or server trouble: the report carries an error code.
        ``SimulatedCrash``-style ``BaseException``s from crash points pass through.
        """
        report = SyncReport()
        started = utcnow()
        try:
            transport = self._open_transport()
            hello = self._hello(transport)
            self._anchor(transport, hello, report)
            self._legal_keys(transport, report)
            self._push(transport, report)
            self._pull(transport, report)
            report.ok = True
        except ServerRefused as exc:
            report.error = exc.code
            if exc.code in ("device_revoked", "credential_invalid"):
                self._mark_revoked()
            if exc.code == "device_revoked":
                self._seal_shut(report)
            if exc.code == "device_wipe":
                with self.store.session() as session:
                    store_id = creds.store_id_of(session)
                self.store.destroy()
                creds.forget(store_id, self.keystore)
                report.wiped = True
                return report
        except (
            TransportError,
            NotEnrolled,
            DeviceRevoked,
            InsecureServer,
            creds.CredentialUnavailable,
        ) as exc:
            report.error = exc.code
        except ValidationError:
            # an answer that does not match the protocol; its text would quote the values
            log.error("the central server's answer does not match the protocol")
            report.error = "invalid_answer"
        except Exception as exc:  # the worker boundary (R8): report, never wedge the queue
            log.error("sync failed: %s", type(exc).__name__)
            report.error = "internal"
        self._record(report, started)
        return report

    def _seal_shut(self, report: SyncReport) -> None:
        """The server revoked this computer: no password opens it any more
        (``models.device_policy``); the application locks at once."""
        try:
            self.store.revoke_device()
        except Exception as exc:  # the flag stays set; the next cycle tries again
            log.error("sealing the revoked store failed: %s", type(exc).__name__)
            return
        report.revoked = True

    def _mark_revoked(self) -> None:
        with self.store.session() as session:
            _set(session, REVOKED, "1")
        self.close()

    def _record(self, report: SyncReport, started: Any) -> None:
        with self.store.session() as session:
            session.add(
                SyncRun(
                    started_at=started,
                    finished_at=utcnow(),
                    pushed=report.pushed,
                    pulled=report.pulled,
                    rejected=report.rejected,
                    conflicts=report.conflicts,
                    ok=report.ok,
                    error=report.error,
                )
            )
            if report.ok:
                _set(session, LAST_OK, utcnow().isoformat(timespec="seconds"))

    # ------------------------------------------------------------- hello
    def _hello(self, transport: Transport) -> HelloResponse:
        with self.store.session() as session:
            cursor = int(_get(session, CURSOR, "0"))
            depth = session.scalar(select(func.count()).select_from(OutboxEntry)) or 0
        body = transport.post(
            "/v1/hello",
            {
                "schema_version": self.store.schema_version,
                "client_time_ms": time.time_ns() // 1_000_000,
                "hlc": self.store.clock.last,
                "cursor": cursor,
                "outbox_depth": depth,
            },
        )
        answer = HelloResponse.model_validate(body)
        self.store.clock.observe(answer.server_hlc)
        with self.store.session() as session:
            _set(session, CLOCK_SUSPECT, "1" if answer.clock_suspect else "")
            if _get(session, EPOCH) and _get(session, EPOCH) != answer.epoch:
                _resync(session, answer.epoch)
        return answer

    # ------------------------------------------------------------- audit anchor
    def _anchor(self, transport: Transport, hello: HelloResponse, report: SyncReport) -> None:
        """Anchor the audit chain at the server, take the next secret (rotation)."""
        with self.store.session() as session:
            here = audit.position(session)
            anchored = hello.audit_length
            at_anchor = audit.event_hash(session, anchored) if anchored <= here.length else ""
            current = creds.load(session, self.keystore)
        if current is None:
            raise NotEnrolled("this desk is not enrolled")
        body = {
            "length": here.length,
            "head": here.head if here.length else "",
            "anchored_length": anchored,
            "at_anchor": at_anchor if anchored else "",
            "restore_seq": here.restore_seq,
            "restore_hash": here.restore_hash,
        }
        answer = AnchorResponse.model_validate(transport.post("/v1/anchor", body))
        self._crash(ANCHOR_CRASH_POINT)
        rotated = creds.Credential(current.device_id, answer.secret, current.generation + 1)
        with self.store.session() as session:
            audit.save_anchor(session, answer.length, answer.head)
            _set(session, AUDIT_FLAG, answer.flag)
            creds.save(session, self.keystore, rotated)
        transport.set_credential(rotated.bearer)  # from the next request on
        report.audit, report.audit_flag = answer.status, answer.flag
        if answer.status != "ok":
            log.warning("the central server flagged this desk's audit trail: %s", answer.status)

    # ------------------------------------------------------------- legal keys
    def _legal_keys(self, transport: Transport, report: SyncReport) -> None:
        """Tell the server this computer's legal advisors; seal the legal key ring to whoever
        of the desk and of MWC's legal service lacks it; keep the rings sealed to this
        computer's advisors (``models.legal_grants``). A server without the exchange (an
        older one, answering 404) is skipped."""
        body = LegalKeysRequest(
            recipients=[
                LegalRecipient(login=r.login, public=r.public, store_id=r.store_id)
                for r in legal_grants.recipients(self.store)
            ],
            key_ids=legal_grants.ring_ids(self.store),
        )
        try:
            answer = self._post_legal_keys(transport, body)
        except ServerRefused as exc:
            if exc.status == 404 and exc.code == "http_error":
                return
            raise
        wanted = [legal_grants.Wanted(**w.model_dump()) for w in answer.wanted]
        grants = legal_grants.seal_for(self.store, wanted)
        if grants:
            body.grants = [
                LegalGrant(
                    recipient=g.recipient,
                    giver_key_id=g.giver_key_id,
                    key_ids=list(g.key_ids),
                    sealed=g.sealed,
                )
                for g in grants
            ]
            self._post_legal_keys(transport, body)
        received = [
            legal_grants.Grant("", g.login, g.giver_key_id, tuple(g.key_ids), g.sealed)
            for g in answer.grants
        ]
        report.legal_keys_sent = len(grants)
        report.legal_keys_received = legal_grants.accept(self.store, received)

    @staticmethod
    def _post_legal_keys(transport: Transport, body: LegalKeysRequest) -> LegalKeysResponse:
        return LegalKeysResponse.model_validate(
            transport.post("/v1/legal-keys", body.model_dump(mode="json"))
        )

    # ------------------------------------------------------------- push
    def _next_batch(self, limit: int) -> list[OutboxEntry]:
        """The oldest outbox rows, whole desk transactions only, about ``limit`` of them."""
        with self.store.session() as session:
            rows = list(
                session.scalars(select(OutboxEntry).order_by(OutboxEntry.op_seq).limit(limit))
            )
            if len(rows) == limit:
                last_tx = rows[-1].tx_id
                tail = session.scalars(
                    select(OutboxEntry)
                    .where(OutboxEntry.tx_id == last_tx, OutboxEntry.op_seq > rows[-1].op_seq)
                    .order_by(OutboxEntry.op_seq)
                )
                rows.extend(tail)
                if len(rows) > MAX_BATCH and rows[0].tx_id != last_tx:
                    rows = [r for r in rows if r.tx_id != last_tx]  # send that one alone next
            return rows

    def _push(self, transport: Transport, report: SyncReport) -> None:
        limit = self.batch_size
        while True:
            rows = self._next_batch(limit)
            if not rows:
                return
            batch_id = str(
                uuid.uuid5(_BATCH_NAMESPACE, f"{rows[0].mutation_id}:{rows[-1].mutation_id}")
            )
            body = {"batch_id": batch_id, "mutations": [_mutation(r) for r in rows]}
            if (
                len(json.dumps(body, default=str)) > BATCH_BYTES
                and len({r.tx_id for r in rows}) > 1
            ):
                limit = max(1, len(rows) // 2)  # R4: bounded in bytes too (never split a tx)
                continue
            self._crash("before_push")
            try:
                answer = PushResponse.model_validate(transport.post("/v1/push", body, key=batch_id))
            except ServerRefused as exc:
                if exc.code == "out_of_scope" and exc.mutation_ids:
                    report.rejected += self._reject(rows, set(exc.mutation_ids), exc.code)
                    continue
                if exc.code in ("invalid_payload", "body_too_large"):
                    if len({r.tx_id for r in rows}) > 1:
                        limit = 1  # isolate the transaction the server cannot read
                        continue
                    report.rejected += self._reject(rows, {r.mutation_id for r in rows}, exc.code)
                    limit = self.batch_size
                    continue
                raise
            self._crash("after_push_response")
            self._ack(rows, answer, report)
            limit = self.batch_size

    def _ack(self, rows: list[OutboxEntry], answer: PushResponse, report: SyncReport) -> None:
        outcome = {r.mutation_id: r for r in answer.results}
        rejected = {m for m, r in outcome.items() if r.status == "rejected"}
        with self.store.session() as session:
            self._crash("inside_ack")
            self._move_rejected(session, rows, rejected, outcome)
            done = [r.op_seq for r in rows if r.mutation_id in outcome]
            session.execute(delete(OutboxEntry).where(OutboxEntry.op_seq.in_(done)))
            _forget_superseded(session, rows, outcome)
        self.store.clock.observe(answer.server_hlc)
        report.pushed += len(done) - len(rejected)
        report.rejected += len(rejected)
        report.conflicts += sum(1 for r in answer.results if r.status == "conflict")

    def _reject(self, rows: list[OutboxEntry], ids: set[str], reason: str) -> int:
        with self.store.session() as session:
            moved = self._move_rejected(session, rows, ids, {})
            seqs = [r.op_seq for r in rows if r.mutation_id in ids]
            session.execute(delete(OutboxEntry).where(OutboxEntry.op_seq.in_(seqs)))
        log.warning("central server refused %d change(s): %s", moved, reason)
        return moved

    @staticmethod
    def _move_rejected(
        session: Session, rows: list[OutboxEntry], ids: set[str], outcome: dict[str, Any]
    ) -> int:
        moved = 0
        for row in rows:
            if row.mutation_id not in ids:
                continue
            result = outcome.get(row.mutation_id)
            session.merge(
                RejectedChange(
                    mutation_id=row.mutation_id,
                    op_seq=row.op_seq,
                    entity=row.entity,
                    row_id=row.row_id,
                    op=row.op,
                    fields=row.fields,
                    reason=(result.reason if result is not None else "") or "out_of_scope",
                    rejected_at=utcnow(),
                )
            )
            moved += 1
        created = [
            (r.entity, r.row_id)
            for r in rows
            if r.mutation_id in ids and r.op == "insert" and r.entity != "persons"
        ]
        if created:
            _drop_refused_rows(session, created)
        return moved

    # ------------------------------------------------------------- pull
    def _pull(self, transport: Transport, report: SyncReport) -> None:
        # A row whose parent is neither in the store nor in its page (the server changed the
        # parent later, e.g. a person updated after their visit was written: a later page)
        # waits in memory for the page that brings the parent. The stored cursor stays
        # before it, so after a crash it is pulled again (applying is idempotent).
        waiting: list[Change] = []
        after: int | None = None
        while True:
            with self.store.session() as session:
                cursor = after if after is not None else int(_get(session, CURSOR, "0"))
                epoch = _get(session, EPOCH)
            try:
                body = transport.get(
                    "/v1/pull", {"cursor": cursor, "limit": self.page_size, "epoch": epoch}
                )
            except ServerRefused as exc:
                if exc.code != "resync":
                    raise
                waiting, after = [], None
                with self.store.session() as session:
                    _resync(session, "")
                continue
            page, unreadable = read_page(body)
            report.refused_pulled += unreadable
            self._crash("after_pull_page")
            latest = {c.id: c for c in waiting + page.changes}  # a newer version wins
            with self.store.session() as session:
                session.info["replicating"] = True
                self._crash("inside_apply")
                waiting = _orphans(session, list(latest.values())) if page.has_more else []
                held = {c.id for c in waiting}
                ready = [c for c in latest.values() if c.id not in held]
                refused = apply_changes(session, page.model_copy(update={"changes": ready}))
                stored = min(c.seq for c in waiting) - 1 if waiting else page.next_cursor
                _set(session, CURSOR, str(stored))
                _set(session, EPOCH, page.epoch)
            after = page.next_cursor
            if ready:
                self.store.clock.observe(max(c.hlc for c in ready))
            report.pulled += len(ready) - refused
            report.refused_pulled += refused
            if not page.has_more:
                return


def read_page(body: Any) -> tuple[PullResponse, int]:
    """A pull answer with each change checked on its own: a change that does not match the
    protocol is left out (logged without its values) and the rest of the page still counts,
    so one bad record never stops this desk's sync. Returns the page and how many changes
    were left out; raises ``ValidationError`` when the page itself is not a pull answer."""
    if not isinstance(body, dict) or not isinstance(body.get("changes"), list):
        return PullResponse.model_validate(body), 0  # raises: not a pull answer at all
    page = PullResponse.model_validate({**body, "changes": []})
    changes: list[Change] = []
    for raw in body["changes"]:
        try:
            changes.append(Change.model_validate(raw))
        except ValidationError:
            log.warning("a pulled change does not match the protocol: left out")
    return page.model_copy(update={"changes": changes}), len(body["changes"]) - len(changes)


def _forget_superseded(session: Session, rows: list[OutboxEntry], outcome: dict[str, Any]) -> None:
    """Rows the server will never store (written here for a person erased elsewhere): their
    later changes can never apply, and the rows themselves exist on this desk only."""
    created = [
        (r.entity, r.row_id)
        for r in rows
        if r.op == "insert"
        and r.entity != "persons"
        and getattr(outcome.get(r.mutation_id), "status", "") == "superseded"
    ]
    if not created:
        return
    ids = [row_id for _, row_id in created]
    session.execute(delete(OutboxEntry).where(OutboxEntry.row_id.in_(ids)))
    _drop_refused_rows(session, created)


def _drop_refused_rows(session: Session, created: list[tuple[str, str]]) -> None:
    """Rows whose creation the server refused exist on this desk only: remove them, so the
    desk does not keep what no one else will ever see (their values stay in sync_rejected).
    Kept when other local rows still point at them."""
    savepoint = session.begin_nested()
    session.info["replicating"] = True
    try:
        for entity, row_id in reversed(created):
            table = ENTITIES[entity].table
            session.execute(delete(table).where(table.c.id == row_id))
        dangling = session.connection().exec_driver_sql("PRAGMA foreign_key_check").first()
        if dangling is None:
            savepoint.commit()
        else:
            savepoint.rollback()
    finally:
        session.info.pop("replicating", None)


def _resync(session: Session, epoch: str) -> None:
    """The server was reset or restored: pull everything again. The outbox is kept (R13)."""
    _set(session, CURSOR, "0")
    _set(session, EPOCH, epoch)


def _mutation(row: OutboxEntry) -> dict[str, Any]:
    return {
        "mutation_id": row.mutation_id,
        "tx_id": row.tx_id,
        "entity": row.entity,
        "row_id": row.row_id,
        "op": row.op,
        "fields": row.fields,
        "base_values": row.base_values,
        "base_hlc": row.base_hlc,
        "hlc": row.hlc,
        "operator": row.operator,
        "schema_version": row.schema_version,
    }


# ===================================================================== applying a page
SYSTEM_COLUMNS = ("id", "hlc", "origin_desk", "created_at", "updated_at")


# entity -> (column, parent entity) of its foreign keys (all refer to ``id``)
_PARENTS = {
    name: [(fk.parent.name, fk.column.table.name) for fk in entity.table.foreign_keys]
    for name, entity in ENTITIES.items()
}


def _orphans(session: Session, changes: list[Change]) -> list[Change]:
    """The changes whose parent row is neither in ``changes`` nor in the store, and the
    changes that hang off those (they would fail the foreign key check at commit)."""
    here = {(c.entity, c.id) for c in changes}
    refs = {
        c.id: [
            (parent, value)
            for column, parent in _PARENTS[c.entity]
            if isinstance(value := c.data.get(column), str)
        ]
        for c in changes
        if _PARENTS[c.entity]
    }
    outside: dict[str, set[str]] = {}
    for links in refs.values():
        for parent, value in links:
            if (parent, value) not in here:
                outside.setdefault(parent, set()).add(value)
    found: set[tuple[str, str]] = set()
    for parent, ids in outside.items():
        table = ENTITIES[parent].table
        for chunk in _chunks(sorted(ids), 500):
            found.update(
                (parent, i)
                for i in session.scalars(select(table.c.id).where(table.c.id.in_(chunk)))
            )
    orphan: set[tuple[str, str]] = set()
    while True:
        more = {
            (c.entity, c.id)
            for c in changes
            if (c.entity, c.id) not in orphan
            and any(
                link in orphan or (link not in here and link not in found)
                for link in refs.get(c.id, ())
            )
        }
        if not more:
            return [c for c in changes if (c.entity, c.id) in orphan]
        orphan |= more


# entity -> the column tuples of its unique constraints (referral number, codes)
_UNIQUE = {
    name: [
        tuple(c.name for c in k.columns)
        for k in entity.table.constraints
        if isinstance(k, UniqueConstraint)
    ]
    for name, entity in ENTITIES.items()
}


def _clashes(
    session: Session, changes: list[Change], values: dict[str, dict[str, Any]]
) -> list[Change]:
    """The changes that would give a unique key (a referral number, a code of a list) to a
    second row: the row holding it here keeps it, in the page the one created first.
    Written, they would fail the page, and with it every later sync of this desk."""
    clash: dict[str, Change] = {}
    for name, constraints in _UNIQUE.items():
        # in the page, the row created first keeps the key (a copy came later)
        mine = sorted((c for c in changes if c.entity == name), key=lambda c: (c.created_at, c.id))
        table = ENTITIES[name].table
        for columns in constraints if mine else []:
            wanted: dict[tuple[Any, ...], Change] = {}
            for change in mine:
                key = tuple(values[change.id].get(column) for column in columns)
                if None in key:
                    continue  # not carried by the change (or NULL: no clash in SQL)
                holder = wanted.setdefault(key, change)
                if holder.id != change.id:
                    clash[change.id] = change
            cols = [table.c[column] for column in columns]
            for chunk in _chunks(list(wanted), 200):
                where = (
                    tuple_(*cols).in_(chunk)
                    if len(cols) > 1
                    else cols[0].in_([key[0] for key in chunk])
                )
                for row in session.execute(select(table.c.id, *cols).where(where)):
                    taker = wanted.get(tuple(row[1:]))
                    if taker is not None and taker.id != row[0]:  # the key is held here
                        clash[taker.id] = taker
    return list(clash.values())


def _pending_fields(session: Session, row_ids: list[str]) -> dict[str, set[str]]:
    pending: dict[str, set[str]] = {}
    for chunk in _chunks(row_ids, 500):
        for row_id, fields in session.execute(
            select(OutboxEntry.row_id, OutboxEntry.fields).where(OutboxEntry.row_id.in_(chunk))
        ):
            pending.setdefault(row_id, set()).update(fields)
    return pending


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


_ORIGIN = TypeAdapter(DeskCodeText)


def _valid_values(change: Change) -> dict[str, Any] | None:
    """The fields of a pulled change as the store takes them, or None when they (or its
    origin desk) do not validate against the entity."""
    try:
        _ORIGIN.validate_python(change.origin_desk)
        model = ENTITIES[change.entity].model
        return model.model_validate(change.data).model_dump(exclude_unset=True)
    except ValidationError:
        return None


def apply_changes(session: Session, page: PullResponse) -> int:
    """Write pulled records into the desk's tables (upserts, in the current transaction).

    Foreign keys are checked at commit, so a page may hold a row before its parent.
    Fields with a local change still waiting in the outbox keep the local value. A person
    erased elsewhere is erased here too, with what only this desk held about them.

    A change whose fields do not validate against its entity is not applied (the desk keeps
    what it had), nor is one that gives a unique key held by another row to its own, nor
    one whose parent row is neither in the page nor in the store (either would fail the
    write or the foreign key check at commit, and with it the whole page). They are
    logged by entity and id, never values; the rest of the page is applied. Returns how
    many changes were refused.
    """
    session.connection().exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    checked: dict[str, dict[str, Any]] = {}
    for change in page.changes:
        found = _valid_values(change)
        if found is None:
            log.warning("pulled %s %s refused: its fields are not valid", change.entity, change.id)
        else:
            checked[change.id] = found
    valid = [c for c in page.changes if c.id in checked]
    for clash in _clashes(session, valid, checked):
        log.warning("pulled %s %s refused: its unique key is another row's", clash.entity, clash.id)
        del checked[clash.id]
    valid = [c for c in valid if c.id in checked]
    for orphan in _orphans(session, valid):
        log.warning("pulled %s %s refused: its parent row is missing", orphan.entity, orphan.id)
        del checked[orphan.id]
    changes = [c for c in valid if c.id in checked]
    pending = _pending_fields(session, [c.id for c in changes])
    erased: list[str] = []
    indexed: dict[str, dict[str, Any]] = {}  # person id -> values, for the name index
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        entity = ENTITIES[change.entity]
        values = checked[change.id]
        values.update(
            id=change.id,
            hlc=change.hlc,
            origin_desk=change.origin_desk,
            deleted=change.deleted,
            created_at=change.created_at,
            updated_at=change.updated_at,
        )
        keep_local = pending.get(change.id)
        if keep_local:
            _upsert(session, entity.table, [values], exclude=keep_local)
        else:
            by_entity.setdefault(change.entity, []).append(values)
        if change.entity == "persons":
            indexed[change.id] = values
            if values.get("erased_at") is not None:
                erased.append(change.id)
    for name, rows in by_entity.items():
        columns = set(rows[0])
        same = [r for r in rows if set(r) == columns]
        _upsert(session, ENTITIES[name].table, same)
        for other in (r for r in rows if set(r) != columns):
            _upsert(session, ENTITIES[name].table, [other])
    _reindex(session, indexed)
    if erased:
        gdpr.apply_remote_erasure(session, erased)
    return len(page.changes) - len(changes)


def _reindex(session: Session, people: dict[str, dict[str, Any]]) -> None:
    """``search.reindex_values`` for a page of people, three statements in all."""
    if not people:
        return
    conn = session.connection()
    ids = [{"pid": pid} for pid in people]
    conn.execute(search._DELETE, ids)
    live = [
        {"pid": pid, "keys": search.index_keys([v.get(f) or "" for f in search.NAME_FIELDS])}
        for pid, v in people.items()
        if not (v.get("deleted") or v.get("erased_at") or v.get("merged_into"))
    ]
    if live:
        conn.execute(search._ID_ROW, [{"pid": p["pid"]} for p in live])
        conn.execute(search._INSERT, live)


def _upsert(
    session: Session,
    table: Any,
    rows: list[dict[str, Any]],
    exclude: frozenset[str] | set[str] = frozenset(),
) -> None:
    if not rows:
        return
    stmt = sqlite_insert(table)
    names = [c for c in rows[0] if c != "id" and c not in exclude]
    stmt = stmt.on_conflict_do_update(
        index_elements=["id"], set_={c: stmt.excluded[c] for c in names}
    )
    session.execute(stmt, rows)
