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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Text, cast, delete, func, select
from sqlalchemy.orm import Session

from models import audit, legal_grants
from models.clock import utcnow
from models.schema import Meta, OutboxEntry, RejectedChange, SyncRun
from models.store import OpenStore
from sync import credential as creds
from sync import replica, state
from sync.errors import DeviceRevoked, NotEnrolled, SyncError, SyncErrorCode
from sync.protocol import (
    BULK_VERSION,
    DEFAULT_PAGE,
    MAX_BATCH,
    MAX_BODY_BYTES,
    MAX_BULK_BATCH,
    MAX_PAGE,
    AnchorResponse,
    Change,
    HelloResponse,
    LegalGrant,
    LegalKeysRequest,
    LegalKeysResponse,
    LegalRecipient,
    Mutation,
    PullResponse,
    PushRequest,
    PushResponse,
    SnapshotEnd,
    SnapshotHeader,
)
from sync.transport import ServerRefused, Transport, TransportError

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
BULK_BYTES = 3 * MAX_BODY_BYTES // 4  # protocol 4: larger batches, bounded in bytes
PAGE = DEFAULT_PAGE
SNAPSHOT_CHUNK = 10_000  # records of a snapshot written in one local transaction
_HELLO_KEYS = (state.CURSOR, state.EPOCH, state.CLOCK_SUSPECT)
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


@dataclass(frozen=True)
class Progress:
    """Where a cycle is, for a progress bar: ``phase`` push or pull; ``done`` of ``total``
    (push: changes sent of the outbox at the start; pull: the server's sequence covered
    since the start, ``total`` the server's latest one; snapshot: records of its count);
    ``records``: records moved so far in this phase; ``eta_s``: seconds left at the pace
    so far (None until it can be told)."""

    phase: str
    done: int
    total: int
    records: int
    eta_s: float | None


# ===================================================================== the cycle
class SyncClient:
    """Runs sync cycles for one unlocked store. Not thread-safe: one worker owns it."""

    def __init__(
        self,
        store: OpenStore,
        transport: Transport | None = None,
        crash: Callable[[str], None] | None = None,
        page_size: int | None = None,
        batch_size: int | None = None,
        keystore: creds.Keystore | None = None,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> None:
        self.store = store
        self.keystore = keystore or creds.Keystore()
        self._transport = transport
        self._crash = crash or (lambda _point: None)
        self.page_size = page_size  # None: what the server's protocol allows
        self.batch_size = batch_size  # None: what the server's protocol allows
        self.on_progress = on_progress
        self._phase_total = 0
        self._phase_started = time.monotonic()
        self._latest_seq = 0
        self._stored: tuple[int, str] = (-1, "")  # the cursor and epoch last stored

    # ------------------------------------------------------------- progress
    def _start_phase(self, total: int) -> None:
        self._phase_total = max(0, total)
        self._phase_started = time.monotonic()

    def _progress(self, phase: str, done: int, records: int | None = None) -> None:
        if self.on_progress is None:
            return
        total = max(self._phase_total, done)
        elapsed = time.monotonic() - self._phase_started
        eta = elapsed / done * (total - done) if done and total else None
        try:
            self.on_progress(
                Progress(phase, done, total, done if records is None else records, eta)
            )
        except Exception as exc:  # a display's trouble never stops a sync
            log.error("progress display failed: %s", type(exc).__name__)

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
            last_ack = self._push(transport, report)
            self._pull(transport, report, last_ack)
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
        assert self.store.engine is not None
        with self.store.engine.connect() as conn:  # reads only: no write lock
            known = dict(
                conn.execute(select(Meta.key, Meta.value).where(Meta.key.in_(_HELLO_KEYS))).all()
            )
            cursor = int(known.get(state.CURSOR, "0"))
            depth = conn.scalar(select(func.count()).select_from(OutboxEntry)) or 0
        request = {
            "schema_version": self.store.schema_version,
            "client_time_ms": time.time_ns() // 1_000_000,
            "hlc": self.store.clock.last,
            "cursor": cursor,
            "outbox_depth": depth,
        }
        try:
            body = transport.post("/v1/hello", request)
        except ServerRefused as exc:
            if exc.code != "upgrade_required" or transport.version < BULK_VERSION:
                raise
            transport.speak(BULK_VERSION - 1)  # a server of before protocol 4: batches of 200
            body = transport.post("/v1/hello", request)
        answer = HelloResponse.model_validate(body)
        self._latest_seq = answer.latest_seq
        self._start_phase(depth)
        self.store.clock.observe(answer.server_hlc)
        suspect = "1" if answer.clock_suspect else ""
        epoch = known.get(state.EPOCH, "")
        moved = bool(epoch) and epoch != answer.epoch
        if moved or known.get(state.CLOCK_SUSPECT, "") != suspect:  # else nothing to write
            with self.store.session() as session:
                state.write(session, state.CLOCK_SUSPECT, suspect)
                if moved:
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
    def _limits(self, transport: Transport) -> tuple[int, int, int]:
        """(mutations a batch aims at, most it may hold, most bytes) for this server."""
        bulk = transport.version >= BULK_VERSION
        hard = MAX_BULK_BATCH if bulk else MAX_BATCH
        target = self.batch_size or (hard if bulk else BATCH_TARGET)
        return target, max(hard, target), BULK_BYTES if bulk else BATCH_BYTES

    def _next_batch(self, after: int, target: int, hard: int, max_bytes: int) -> Batch | None:
        """The oldest outbox rows after ``after`` (an ``op_seq``), whole desk transactions
        only: about ``target`` of them, at most ``hard`` and ``max_bytes`` unless one desk
        transaction alone is larger (it then goes alone). Read with Core in a transaction
        that takes no write lock; the JSON columns stay the text they were stored as."""
        assert self.store.engine is not None
        with self.store.engine.connect() as conn:
            rows = [
                Pending(*r)
                for r in conn.execute(_READ.where(_OUTBOX.c.op_seq > after).limit(hard + 1))
            ]
            if not rows:
                return None
            taken: list[Pending] = []
            size = 0
            cut = len(rows) > hard  # more rows follow: the last transaction read may go on
            for group in _transactions(rows):
                open_ended = cut and group[-1] is rows[-1]
                weight = sum(len(r.wire) for r in group)
                if taken and (
                    len(taken) >= target
                    or open_ended
                    or len(taken) + len(group) > hard
                    or size + weight > max_bytes
                ):
                    break
                if open_ended:  # the first transaction runs past what was read: all of it
                    group += [
                        Pending(*r)
                        for r in conn.execute(
                            _READ.where(
                                _OUTBOX.c.tx_id == group[0].tx_id,
                                _OUTBOX.c.op_seq > group[-1].op_seq,
                            )
                        )
                    ]
                    weight = sum(len(r.wire) for r in group)
                taken += group
                size += weight
        return Batch(taken)

    def _push(self, transport: Transport, report: SyncReport) -> Callable[[], None]:
        """Push the outbox in batches, pipelined: while the server applies one batch, the
        desk acknowledges the previous one and reads and encodes the next. One request is
        in flight at a time, and the next is sent only once the previous one's answer
        came back, so the server applies batches in order (FIFO, R4). Returns the storing
        of the last answer, for the pull to run while its first page is on the way."""
        target, hard, max_bytes = self._limits(transport)
        limit = target
        sender = ThreadPoolExecutor(1, thread_name_prefix="arco-push")
        try:
            batch = self._next_batch(0, limit, hard, max_bytes)
            acked: tuple[Batch, PushResponse] | None = None
            while batch is not None:
                self._crash("before_push")
                sending = sender.submit(transport.post, "/v1/push", batch.body, batch.batch_id)
                if acked is not None:  # meanwhile: the previous batch's answer, stored
                    self._ack(acked[0].rows, acked[1], report)
                    acked = None
                upcoming = self._next_batch(batch.last, limit, hard, max_bytes)
                try:
                    answer = PushResponse.model_validate(sending.result())
                except ServerRefused as exc:
                    rows = batch.rows
                    if exc.code == "out_of_scope" and exc.mutation_ids:
                        report.rejected += self._reject(rows, set(exc.mutation_ids), exc.code)
                    elif exc.code in ("invalid_payload", "body_too_large"):
                        if len({r.tx_id for r in rows}) > 1:
                            limit = 1  # isolate the transaction the server cannot read
                        else:
                            ids = {r.mutation_id for r in rows}
                            report.rejected += self._reject(rows, ids, exc.code)
                            limit = target
                    else:
                        raise
                    batch = self._next_batch(0, limit, hard, max_bytes)
                    continue
                self._crash("after_push_response")
                self._progress("push", report.pushed + report.rejected + len(batch.rows))
                if any(r.status == "superseded" for r in answer.results):
                    # storing this answer drops later changes of rows the server will never
                    # hold (replica.forget_superseded), some perhaps in the batch read ahead:
                    # stored first, and the next batch read again after it
                    self._ack(batch.rows, answer, report)
                    limit = target
                    upcoming = self._next_batch(batch.last, limit, hard, max_bytes)
                else:
                    acked = (batch, answer)
                if limit != target:
                    limit = target
                    upcoming = self._next_batch(batch.last, limit, hard, max_bytes)
                batch = upcoming
            last = acked
            return lambda: self._ack(last[0].rows, last[1], report) if last else None
        finally:
            sender.shutdown(wait=False)

    def _ack(self, rows: list[Pending], answer: PushResponse, report: SyncReport) -> None:
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

    def _reject(self, rows: list[Pending], ids: set[str], reason: str) -> int:
        with self.store.session() as session:
            moved = self._move_rejected(session, rows, ids, {})
            seqs = [r.op_seq for r in rows if r.mutation_id in ids]
            session.execute(delete(OutboxEntry).where(OutboxEntry.op_seq.in_(seqs)))
        log.warning("central server refused %d change(s): %s", moved, reason)
        return moved

    @staticmethod
    def _move_rejected(
        session: Session, rows: list[Pending], ids: set[str], outcome: dict[str, Any]
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
    def _pull(
        self, transport: Transport, report: SyncReport, settle: Callable[[], None] = lambda: None
    ) -> None:
        """Pull until up to date. A desk with nothing pulled yet (new, or told to resync)
        takes a snapshot first when the server speaks protocol 4; then pages, each
        requested while the previous one is being applied (one local transaction with its
        cursor, R9). ``settle`` (the push's last answer, stored) runs while the first page
        is on its way, before anything pulled is written."""
        start = self._read_meta()[0]
        if start == 0 and transport.version >= BULK_VERSION:
            settle()
            settle = lambda: None  # noqa: E731
            start = self._snapshot(transport, report)
        self._start_phase(self._latest_seq - start)
        page_size = self.page_size or (MAX_PAGE if transport.version >= BULK_VERSION else PAGE)
        fetcher = ThreadPoolExecutor(1, thread_name_prefix="arco-pull")
        # A row whose parent is neither in the store nor in its page (the server changed the
        # parent later, e.g. a person updated after their visit was written: a later page)
        # waits in memory for the page that brings the parent. The stored cursor stays
        # before it, so after a crash it is pulled again (applying is idempotent).
        waiting: list[Change] = []
        try:
            cursor, epoch = self._read_meta()
            self._stored = (cursor, epoch)
            params = {"cursor": cursor, "limit": page_size, "epoch": epoch}
            coming = fetcher.submit(transport.get, "/v1/pull", params)
            settle()
            while True:
                try:
                    body = coming.result()
                except ServerRefused as exc:
                    if exc.code != "resync":
                        raise
                    waiting = []
                    with self.store.session() as session:
                        state.resync(session, "")
                    if transport.version >= BULK_VERSION:
                        self._snapshot(transport, report)
                    with self.store.session() as session:
                        cursor, epoch = state.cursor(session), state.read(session, state.EPOCH)
                    params = {"cursor": cursor, "limit": page_size, "epoch": epoch}
                    coming = fetcher.submit(transport.get, "/v1/pull", params)
                    continue
                page, unreadable = replica.read_page(body)
                report.refused_pulled += unreadable
                if page.has_more:  # the next page comes while this one is written
                    params = {"cursor": page.next_cursor, "limit": page_size, "epoch": page.epoch}
                    coming = fetcher.submit(transport.get, "/v1/pull", params)
                self._crash("after_pull_page")
                waiting = self._apply(page, waiting, report)
                if page.changes:
                    self._progress("pull", page.next_cursor - start, report.pulled)
                if not page.has_more:
                    return
        finally:
            fetcher.shutdown(wait=False)

    def _read_meta(self) -> tuple[int, str]:
        """The stored cursor and epoch, read without a write lock."""
        assert self.store.engine is not None
        with self.store.engine.connect() as conn:
            known = dict(
                conn.execute(
                    select(Meta.key, Meta.value).where(Meta.key.in_((state.CURSOR, state.EPOCH)))
                ).all()
            )
        return int(known.get(state.CURSOR, "0")), known.get(state.EPOCH, "")

    def _apply(
        self,
        page: PullResponse,
        waiting: list[Change],
        report: SyncReport,
        cursor: int | None = None,
    ) -> list[Change]:
        """Write a page (with the changes still waiting for their parents) and the cursor
        in one local transaction; returns what still waits. ``cursor`` (a snapshot's
        chunks): the cursor to store, None: the page's own, before anything that waits."""
        latest = {c.id: c for c in waiting + page.changes}  # a newer version wins
        if not latest and cursor is None and (page.next_cursor, page.epoch) == self._stored:
            return []  # nothing new, the cursor where it was: no local transaction
        with self.store.session() as session:
            session.info["replicating"] = True
            self._crash("inside_apply")
            waiting = replica.orphans(session, list(latest.values())) if page.has_more else []
            held = {c.id for c in waiting}
            ready = [c for c in latest.values() if c.id not in held]
            refused = replica.apply_changes(
                session, page.model_copy(update={"changes": ready}), parents_checked=page.has_more
            )
            if cursor is None:
                cursor = min(c.seq for c in waiting) - 1 if waiting else page.next_cursor
            state.write(session, state.CURSOR, str(cursor))
            state.write(session, state.EPOCH, page.epoch)
        self._stored = (cursor, page.epoch)
        if ready:
            self.store.clock.observe(max(c.hlc for c in ready))
        report.pulled += len(ready) - refused
        report.refused_pulled += refused
        return waiting

    def _snapshot(self, transport: Transport, report: SyncReport) -> int:
        """Take the server's snapshot of this desk's scope (protocol 4) and apply it in
        chunks, each in one local transaction (parents come first; a row whose parent is
        missing waits for a later chunk, as between pages). The cursor stays 0 until the
        last chunk, which stores the snapshot's ``as_of``: a snapshot cut short is taken
        again from the start (applying is idempotent). Returns the new cursor."""
        with self.store.session() as session:
            epoch = state.read(session, state.EPOCH)
        try:
            return self._take_snapshot(transport, report, epoch)
        except ServerRefused as exc:
            if exc.code != "resync":
                raise
            with self.store.session() as session:  # reset or restored since the hello
                state.resync(session, "")
            return self._take_snapshot(transport, report, "")

    def _take_snapshot(self, transport: Transport, report: SyncReport, epoch: str) -> int:
        chunk_size = self.page_size or SNAPSHOT_CHUNK
        with transport.lines("/v1/snapshot", {"epoch": epoch}) as lines:
            header = SnapshotHeader.model_validate_json(next(lines, b"{}"))
            self._start_phase(header.count)
            chunk: list[Change] = []
            waiting: list[Change] = []
            received = 0
            for line in lines:
                if line.startswith(b'{"end"'):
                    end = SnapshotEnd.model_validate_json(line)
                    if end.count != received:
                        raise TransportError("the snapshot was cut short")
                    break
                received += 1
                try:
                    chunk.append(Change.model_validate_json(line))
                except ValidationError:
                    log.warning("a pulled change does not match the protocol: left out")
                    report.refused_pulled += 1
                if len(chunk) >= chunk_size:
                    page = PullResponse(
                        epoch=header.epoch, changes=chunk, next_cursor=0, has_more=True
                    )
                    self._crash("after_pull_page")
                    waiting = self._apply(page, waiting, report, cursor=0)
                    self._progress("pull", received, report.pulled)
                    chunk = []
            else:
                raise TransportError("the snapshot was cut short")
        page = PullResponse(
            epoch=header.epoch, changes=chunk, next_cursor=header.as_of, has_more=False
        )
        self._crash("after_pull_page")
        self._apply(page, waiting, report, cursor=header.as_of)
        self._progress("pull", received, report.pulled)
        return header.as_of


# ===================================================================== outbox reads
_OUTBOX = OutboxEntry.__table__
_READ = select(
    _OUTBOX.c.op_seq,
    _OUTBOX.c.mutation_id,
    _OUTBOX.c.tx_id,
    _OUTBOX.c.entity,
    _OUTBOX.c.row_id,
    _OUTBOX.c.op,
    cast(_OUTBOX.c.fields, Text),
    cast(_OUTBOX.c.base_values, Text),
    _OUTBOX.c.base_hlc,
    _OUTBOX.c.hlc,
    _OUTBOX.c.operator,
    _OUTBOX.c.schema_version,
).order_by(_OUTBOX.c.op_seq)


class Pending:
    """An outbox row as the push reads it: its ``fields`` and ``base_values`` kept as the
    JSON text they were captured as, and spliced into the body unchanged (no decoding, no
    model), so what goes on the wire is exactly what was captured."""

    __slots__ = (
        "base_hlc", "base_json", "entity", "fields_json", "hlc", "mutation_id", "op",
        "op_seq", "operator", "row_id", "schema_version", "tx_id", "wire",
    )  # fmt: skip

    def __init__(
        self,
        op_seq: int,
        mutation_id: str,
        tx_id: str,
        entity: str,
        row_id: str,
        op: str,
        fields_json: str,
        base_json: str,
        base_hlc: int,
        hlc: int,
        operator: str,
        schema_version: str,
    ) -> None:
        self.op_seq, self.mutation_id, self.tx_id = op_seq, mutation_id, tx_id
        self.entity, self.row_id, self.op = entity, row_id, op
        self.fields_json, self.base_json = fields_json, base_json
        self.base_hlc, self.hlc = base_hlc, hlc
        self.operator, self.schema_version = operator, schema_version
        self.wire = (
            f'{{"mutation_id":{_q(mutation_id)},"tx_id":{_q(tx_id)},"entity":{_q(entity)},'
            f'"row_id":{_q(row_id)},"op":{_q(op)},"fields":{fields_json},'
            f'"base_values":{base_json},"base_hlc":{int(base_hlc)},"hlc":{int(hlc)},'
            f'"operator":{_q(operator)},"schema_version":{_q(schema_version)}}}'
        )

    @property
    def fields(self) -> dict[str, Any]:
        """The captured fields (a refused change keeps them in ``sync_rejected``)."""
        found = json.loads(self.fields_json)
        return found if isinstance(found, dict) else {}


def _q(text: str) -> str:
    return json.dumps(text)


def _transactions(rows: list[Pending]) -> Iterator[list[Pending]]:
    """``rows`` cut where the desk transaction changes (a transaction's rows follow each
    other in ``op_seq``: they were written by one commit)."""
    group: list[Pending] = []
    for row in rows:
        if group and row.tx_id != group[0].tx_id:
            yield group
            group = []
        group.append(row)
    if group:
        yield group


class Batch:
    """One push: its rows, its id (from its first and last mutation: a retried batch is
    the same batch) and its body, encoded once."""

    def __init__(self, rows: list[Pending]) -> None:
        self.rows = rows
        self.last = rows[-1].op_seq
        self.batch_id = str(
            uuid.uuid5(_BATCH_NAMESPACE, f"{rows[0].mutation_id}:{rows[-1].mutation_id}")
        )
        mutations = ",".join(r.wire for r in rows)
        self.body = f'{{"batch_id":"{self.batch_id}","mutations":[{mutations}]}}'.encode()


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
