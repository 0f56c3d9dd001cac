"""The desk side of sync: the sync cycle (hello, anchor, legal keys, push, pull).

Rules kept here (numbers from SYNC-DESIGN.md):
- push is FIFO by ``op_seq`` in batches that never split a desk transaction (R4); a batch
  id derived from its first and last mutation makes a retried batch the same batch (R5);
- the answer to a push is applied in one local transaction: acknowledged rows leave the
  outbox, refused ones move to ``sync_rejected``, visible, never dropped (R6, R7);
- each pull page and the new cursor are written in one local transaction (R9); how a page
  is written into the desk's tables is ``sync.replica``'s (rebase, R8);
- no network I/O happens while a local write transaction is open (R3).

Crash points (:data:`CRASH_POINTS`) let tests stop the cycle where a real crash could.
The credential (given at enrolment, ``sync.enrolment``) lives in the encrypted store's
``meta`` table (``sync.state``), wrapped under a device secret kept outside the store
(``sync.credential``); the server hands out a new secret at every anchor (rotation), stored
before it is used.

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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from models import audit, legal_grants
from models.clock import utcnow
from models.schema import OutboxEntry, RejectedChange, SyncRun
from models.store import OpenStore
from sync import credential as creds
from sync import replica, state
from sync.errors import DeviceRevoked, NotEnrolled, SyncError, SyncErrorCode
from sync.protocol import (
    DEFAULT_PAGE,
    MAX_BATCH,
    AnchorResponse,
    Change,
    HelloResponse,
    LegalGrant,
    LegalKeysRequest,
    LegalKeysResponse,
    LegalRecipient,
    Mutation,
    PushRequest,
    PushResponse,
)
from sync.transport import ServerRefused, Transport

log = logging.getLogger(__name__)

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
        server = state.server(self.store)
        if not server.device_id:
            raise NotEnrolled("this desk is not enrolled")
        if server.revoked:
            raise DeviceRevoked("this device was revoked")
        self._transport = Transport(
            server.url,
            state.credential(self.store, self.keystore),
            server.ca_bundle,
            server.allow_insecure,
        )
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
        except SyncError as exc:  # the transport's, the credential's, not enrolled, revoked
            report.error = exc.code.value
        except ValidationError:
            # an answer that does not match the protocol; its text would quote the values
            log.error("the central server's answer does not match the protocol")
            report.error = SyncErrorCode.INVALID_ANSWER.value
        except Exception as exc:  # the worker boundary (R8): report, never wedge the queue
            log.error("sync failed: %s", type(exc).__name__)
            report.error = SyncErrorCode.INTERNAL.value
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
            state.write(session, state.REVOKED, "1")
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
                state.write(session, state.LAST_OK, utcnow().isoformat(timespec="seconds"))

    # ------------------------------------------------------------- hello
    def _hello(self, transport: Transport) -> HelloResponse:
        with self.store.session() as session:
            cursor = state.cursor(session)
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
            state.write(session, state.CLOCK_SUSPECT, "1" if answer.clock_suspect else "")
            epoch = state.read(session, state.EPOCH)
            if epoch and epoch != answer.epoch:
                state.resync(session, answer.epoch)
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
            state.write(session, state.AUDIT_FLAG, answer.flag)
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
            body = push_body(batch_id, rows)
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
            replica.forget_superseded(session, rows, outcome)
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
            replica.drop_refused_rows(session, created)
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
                cursor = after if after is not None else state.cursor(session)
                epoch = state.read(session, state.EPOCH)
            try:
                body = transport.get(
                    "/v1/pull", {"cursor": cursor, "limit": self.page_size, "epoch": epoch}
                )
            except ServerRefused as exc:
                if exc.code != "resync":
                    raise
                waiting, after = [], None
                with self.store.session() as session:
                    state.resync(session, "")
                continue
            page, unreadable = replica.read_page(body)
            report.refused_pulled += unreadable
            self._crash("after_pull_page")
            latest = {c.id: c for c in waiting + page.changes}  # a newer version wins
            with self.store.session() as session:
                session.info["replicating"] = True
                self._crash("inside_apply")
                waiting = replica.orphans(session, list(latest.values())) if page.has_more else []
                held = {c.id for c in waiting}
                ready = [c for c in latest.values() if c.id not in held]
                refused = replica.apply_changes(session, page.model_copy(update={"changes": ready}))
                stored = min(c.seq for c in waiting) - 1 if waiting else page.next_cursor
                state.write(session, state.CURSOR, str(stored))
                state.write(session, state.EPOCH, page.epoch)
            after = page.next_cursor
            if ready:
                self.store.clock.observe(max(c.hlc for c in ready))
            report.pulled += len(ready) - refused
            report.refused_pulled += refused
            if not page.has_more:
                return


# ===================================================================== push bodies
def mutation(row: OutboxEntry) -> Mutation:
    """An outbox row as a push carries it.

    Built, not validated: the server validates every mutation (and refuses a batch it
    cannot read, ``invalid_payload``, whose rows this desk then sets aside); validating here
    would stop the cycle on such a row instead."""
    return Mutation.model_construct(
        mutation_id=row.mutation_id,
        tx_id=row.tx_id,
        entity=row.entity,
        row_id=row.row_id,
        op=row.op,
        fields=row.fields,
        base_values=row.base_values,
        base_hlc=row.base_hlc,
        hlc=row.hlc,
        operator=row.operator,
        schema_version=row.schema_version,
    )


def push_body(batch_id: str, rows: list[OutboxEntry]) -> dict[str, Any]:
    """The body of ``POST /v1/push`` for ``rows``: the values as the outbox holds them (JSON
    types already), so what goes on the wire is exactly what was captured."""
    request = PushRequest.model_construct(batch_id=batch_id, mutations=[mutation(r) for r in rows])
    return request.model_dump(warnings=False)
