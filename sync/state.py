"""The desk's sync state: its keys in the store's ``meta`` table, read and written typed.

Where the central server is and how to reach it, the credential (wrapped: ``sync.credential``),
the server's epoch and this desk's pull cursor, and what the last cycles found (revoked,
clock suspect, the server's open finding about the audit chain, the last success). The
status bar and the Sync view read :func:`status`; the sync cycle (``sync.client``) writes.
Every function writing takes the caller's session: the write is part of its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import device_policy
from models.referrals import TAG_KEY
from models.schema import Meta, OutboxEntry, RejectedChange
from models.store import OpenStore
from sync import credential as creds
from sync.errors import NotEnrolled
from sync.protocol import EnrolResponse

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


# ===================================================================== meta
def read(session: Session, key: str, default: str = "") -> str:
    row = session.get(Meta, key)
    return row.value if row is not None else default


def write(session: Session, key: str, value: str) -> None:
    session.merge(Meta(key=key, value=value))


def cursor(session: Session) -> int:
    """The server commit sequence this desk has pulled up to (0: nothing yet)."""
    return int(read(session, CURSOR, "0"))


def resync(session: Session, epoch: str) -> None:
    """The server was reset or restored: pull everything again. The outbox is kept (R13)."""
    write(session, CURSOR, "0")
    write(session, EPOCH, epoch)


# ===================================================================== reading
def is_enrolled(store: OpenStore) -> bool:
    with store.session() as session:
        return bool(read(session, DEVICE_ID))


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


def status(store: OpenStore) -> Status:
    """The desk's sync status, in a session of its own."""
    with store.session() as session:
        return read_status(session)


def read_status(session: Session) -> Status:
    """The desk's sync status, read in ``session``."""
    return Status(
        enrolled=bool(read(session, DEVICE_ID)),
        server_url=read(session, SERVER_URL),
        pending=session.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
        rejected=session.scalar(select(func.count()).select_from(RejectedChange)) or 0,
        last_ok=read(session, LAST_OK),
        revoked=read(session, REVOKED) == "1",
        clock_suspect=read(session, CLOCK_SUSPECT) == "1",
        audit_flag=read(session, AUDIT_FLAG),
    )


@dataclass(frozen=True)
class Server:
    """Where this desk's central server is and how to reach it."""

    url: str
    device_id: str  # "" when the desk is not enrolled
    ca_bundle: str | None
    allow_insecure: bool
    revoked: bool  # the server revoked this computer: no call any more


def server(store: OpenStore) -> Server:
    with store.session() as session:
        return Server(
            url=read(session, SERVER_URL),
            device_id=read(session, DEVICE_ID),
            ca_bundle=read(session, CA_BUNDLE) or None,
            allow_insecure=read(session, ALLOW_INSECURE) == "1",
            revoked=read(session, REVOKED) == "1",
        )


def credential(store: OpenStore, keystore: creds.Keystore | None = None) -> str:
    """The ``<device id>.<secret>`` bearer credential of this desk (raises
    ``CredentialUnavailable`` when the device secret is not on this computer)."""
    with store.session() as session:
        found = creds.load(session, keystore or creds.Keystore())
    if found is None:
        raise NotEnrolled("this desk is not enrolled")
    return found.bearer


# ===================================================================== enrolment
def record_enrolment(
    session: Session,
    keystore: creds.Keystore,
    answer: EnrolResponse,
    server_url: str,
    ca_bundle: str | None,
    allow_insecure: bool,
) -> None:
    """Keep what the server's enrolment answer gave this desk: the credential (wrapped),
    where the server is, its epoch, a cursor from the start, no revocation, no finding; a
    desk's second computer numbers its referrals with its device number."""
    creds.save(session, keystore, creds.Credential(answer.device_id, answer.secret, 1))
    for key, value in (
        (SERVER_URL, server_url),
        (CA_BUNDLE, ca_bundle or ""),
        (ALLOW_INSECURE, "1" if allow_insecure else ""),
        (EPOCH, answer.epoch),
        (CURSOR, "0"),
        (REVOKED, ""),
        (AUDIT_FLAG, ""),
    ):
        write(session, key, value)
    if answer.device_number > 1:
        write(session, TAG_KEY, str(answer.device_number))
