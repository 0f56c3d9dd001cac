"""The encrypted desk store: one SQLCipher 4 file per desk and its key file.

``DeskStore`` is the store on disk while it is locked: it can be created, unlocked with an
operator's password, reset with the recovery key, or restored from a backup; it owns the
Argon2id policy of the key slots it writes. Unlocking returns an ``OpenStore``, which keeps
the database key in one holder (``models.engine.DatabaseKey``, read by its engine at every
connect) and hands out sessions with change capture installed. ``OpenStore.lock()`` wipes
the holder and closes every connection; it takes no backup (``backups.backup_then_lock``).

Rules kept here (see SECURITY-NOTES.md §1): the raw key is the first statement on every
connection; a wrong password is found by the key slot before the database is touched;
a database that does not open after a good password is *corrupt*, never recreated; the
schema only changes through Alembic migrations applied at unlock.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from models import (
    audit,
    backup_copies,
    changes,
    consultations,
    device_policy,
    journal,
    legal,
    reference,
    search,
    settings,
)
from models.clock import utcnow
from models.crypto import (
    DEFAULT_KDF,
    MINIMUM_KDF,
    KdfParams,
    format_recovery_key,
    new_key,
    parse_recovery_key,
)
from models.engine import DatabaseKey, configure_connection, is_notadb, make_engine
from models.errors import (
    CorruptStore,
    DeviceRevoked,
    KeyFileTampered,
    OperatorDisabled,
    PermissionDenied,
    SchemaTooNew,
    StoreError,
    StoreExists,
    StoreLocked,
    StoreNotFound,
    Throttled,
    UnknownOperator,
    ValidationFailed,
    WrongPassword,
)
from models.hlc import HybridClock
from models.integrity import Report, check_key_file, verify_engine
from models.keyfile import DATABASE, LEGAL, KeyFile
from models.passwords import check_password, personal_words
from models.roles import LEGAL_ADVISOR, ROLES, SYSTEM, Actor
from models.schema import Meta, Operator
from models.throttle import AttemptLog

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

DB_NAME = "desk.db"
KEYFILE_NAME = "desk.keys.json"
ATTEMPTS_NAME = "unlock-attempts.json"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


# ===================================================================== migrations
# Alembic is imported where it is used: it is a tenth of a second of start-up that the
# unlock screen does not need (see the cold-start benchmark).
def alembic_config(connection: Any) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config(None)).get_heads()
    return heads[0]


def migrate(engine: Engine, target: str = "head", existing: bool = False) -> tuple[str | None, str]:
    """Bring the schema to ``target``; refuse a database from a newer application.

    ``existing``: the database must already be a desk store (never build one in place).
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as conn:
        script = ScriptDirectory.from_config(alembic_config(conn))
        current = MigrationContext.configure(conn).get_current_revision()
        if current is None and existing:
            raise CorruptStore("database holds no desk store schema")
        if current is not None:
            try:
                script.get_revision(current)
            except Exception:  # alembic raises several types for an unknown revision
                raise SchemaTooNew(f"schema revision {current} is unknown") from None
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), target)
        after = MigrationContext.configure(conn).get_current_revision()
    return current, after or ""


# ===================================================================== logins
def check_login(login: str) -> None:
    if not login or len(login) > 64 or not all(c.isalnum() or c in "._-" for c in login):
        raise ValidationFailed("login", "invalid")


# ===================================================================== locked store
@dataclass(frozen=True)
class Created:
    store: OpenStore
    recovery_key: str


class DeskStore:
    """The store's files in ``data_dir``, locked.

    The store owns its Argon2id policy for new key slots. ``kdf`` is what every slot it
    writes uses (the first admin's, a new operator's, a new password's, a reset's); the
    production default unless the composition root or a test passes another. ``kdf_floor``
    is the bound below which none is written (memory and passes): RFC 9106's second
    recommendation; the test harness alone lowers the class default, once, to its fast
    parameters (``tests/__init__.py``). Reading is bounded separately and fixed
    (``crypto.KDF_READ_MIN``..``KDF_READ_MAX``, see ``models.keyfile``).
    """

    kdf_floor: KdfParams = MINIMUM_KDF

    def __init__(
        self,
        data_dir: Path,
        kdf: KdfParams = DEFAULT_KDF,
        attempts_clock: Any = None,
        kdf_floor: KdfParams | None = None,
    ) -> None:
        if kdf_floor is not None:
            self.kdf_floor = kdf_floor
        self.kdf = kdf
        self.data_dir = Path(data_dir)
        self.db_path = self.data_dir / DB_NAME
        self.keyfile_path = self.data_dir / KEYFILE_NAME
        self.pending_keyfile_path = self.data_dir / (KEYFILE_NAME + ".pending")
        self.attempts = (
            AttemptLog(self.data_dir / ATTEMPTS_NAME, attempts_clock)
            if attempts_clock
            else AttemptLog(self.data_dir / ATTEMPTS_NAME)
        )

    # ------------------------------------------------------------- facts
    def exists(self) -> bool:
        return self.db_path.exists() or self.keyfile_path.exists()

    def key_file(self) -> KeyFile:
        if not self.db_path.exists():
            if self.keyfile_path.exists():
                raise StoreNotFound("database file missing beside the key file")
            raise StoreNotFound("no desk store in this folder")
        return KeyFile.load(self.keyfile_path)

    def logins(self) -> list[str]:
        return self.key_file().logins()

    def new_slot_kdf(self) -> KdfParams:
        """The parameters for a new key slot; below the floor, ``ValueError`` (a programming
        error: nothing is written)."""
        if not self.kdf.at_least(self.kdf_floor):
            raise ValueError("Argon2id parameters below the store's floor for new slots")
        return self.kdf

    # ------------------------------------------------------------- create
    def create(
        self,
        desk: str,
        admin_login: str,
        admin_password: str,
        display_name: str = "",
    ) -> Created:
        """Make a new store for ``desk`` with its first admin; returns the recovery key."""
        if self.exists():
            raise StoreExists("a desk store already exists in this folder")
        reference.desk_by_code(desk)  # unknown desk: ValidationFailed, nothing written
        check_login(admin_login)
        check_password(admin_password, personal_words(admin_login, display_name, desk))
        kdf = self.new_slot_kdf()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.data_dir, 0o700)
        dek = new_key()
        recovery = new_key()
        keyfile = KeyFile(
            store_id=_new_store_id(),
            desk=desk,
            created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        keyfile.set_operator_slot(admin_login, admin_password, dek, kdf)
        keyfile.set_recovery_slot(recovery, dek)
        # Created by us with owner-only permissions; SQLite gives -wal and -shm the same.
        os.close(os.open(self.db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        engine = make_engine(self.db_path, dek)
        try:
            migrate(engine)
            factory = _session_factory(engine)
            with factory() as session, session.begin():
                session.info["replicating"] = True
                session.add_all(
                    [
                        Meta(key="desk", value=desk),
                        Meta(key="store_id", value=keyfile.store_id),
                        Meta(key="cipher_version", value=_cipher_version(engine)),
                        Operator(
                            login=admin_login,
                            display_name=display_name,
                            role="admin",
                            active=True,
                            created_at=utcnow(),
                        ),
                    ]
                )
                reference.seed(session)
            engine.dispose()
            keyfile.save(self.keyfile_path, dek)
        except BaseException:
            engine.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.db_path}{suffix}").unlink(missing_ok=True)
            raise
        store = self._open(keyfile, dek, admin_login)
        return Created(store=store, recovery_key=format_recovery_key(recovery))

    # ------------------------------------------------------------- unlock
    def unlock(self, login: str, password: str) -> OpenStore:
        """Open the store as ``login``. Wrong password: ``WrongPassword``, nothing written."""
        keyfile = self.key_file()
        if keyfile.revoked or self._revocation_pending():
            raise DeviceRevoked("the central server revoked this computer")
        if login not in keyfile.logins():
            # Logins are not secret (the unlock screen lists them): nothing to throttle, and
            # no counter file growing with every mistyped name.
            raise UnknownOperator("no key slot for this login")
        wait = self.attempts.retry_after(login)
        if wait > 0:
            raise Throttled(wait)
        try:
            keys = keyfile.open_operator_keys(login, password)
        except WrongPassword:
            self.attempts.failed(login)
            raise
        dek = keys[DATABASE]
        failures = self.attempts.failures(login)
        self.attempts.succeeded(login)
        try:
            store = self._open(keyfile, dek, login, failures, keys)
        except CorruptStore:
            if not self.pending_keyfile_path.exists():
                raise
            return self._finish_interrupted_rekey(login, password, failures, dek)
        self._save_upgraded(keyfile, dek, self.keyfile_path)
        return store

    def _revocation_pending(self) -> bool:
        """A revocation that died between re-encrypting and replacing the key file."""
        try:
            return KeyFile.load(self.pending_keyfile_path, require_slots=False).revoked
        except StoreError:
            return False

    def _save_upgraded(self, keyfile: KeyFile, dek: bytes, path: Path) -> None:
        """Write back a key file an unlock upgraded (version 1, or a slot rebound)."""
        if not keyfile.needs_save:
            return
        before = keyfile.version
        try:
            keyfile.save(path, dek)
        except OSError as exc:  # the unlock stands; the upgrade is tried again next time
            log.warning("key file upgrade postponed: %s", type(exc).__name__)
            return
        log.info("key file written in version %s (read in version %s)", keyfile.version, before)

    def _finish_interrupted_rekey(
        self, login: str, password: str, failures: int, old_dek: bytes
    ) -> OpenStore:
        """A rekey that died after re-encrypting left the new key file pending: use it."""
        pending = KeyFile.load(self.pending_keyfile_path)
        try:
            keys = pending.open_operator_keys(login, password)
        except (WrongPassword, UnknownOperator):
            raise CorruptStore("database did not open with a valid key") from None
        dek = keys[DATABASE]
        journal.carry_seal(self.db_path, pending.store_id, old_dek, dek)
        store = self._open(pending, dek, login, failures, keys)
        self.pending_keyfile_path.replace(self.keyfile_path)
        self._save_upgraded(pending, dek, self.keyfile_path)
        return store

    def reset_password(self, recovery_key: str, login: str, new_password: str) -> None:
        """Set a new password for ``login`` with the desk's recovery key (audited)."""
        kdf = self.new_slot_kdf()
        keyfile = self.key_file()
        wait = self.attempts.retry_after("#recovery")
        if wait > 0:
            raise Throttled(wait)
        try:
            keys = keyfile.open_recovery_keys(parse_recovery_key(recovery_key))
        except WrongPassword:
            self.attempts.failed("#recovery")
            raise
        self.attempts.succeeded("#recovery")
        dek = keys[DATABASE]
        store = self._open(keyfile, dek, None)
        try:
            with store.session(SYSTEM) as session:
                operator = session.get(Operator, login)
                if operator is None:
                    raise UnknownOperator("no such operator")
                if keyfile.revoked and operator.role != "admin":
                    raise ValidationFailed("login", "not_admin")
                words = personal_words(login, operator.display_name, store.desk)
                check_password(new_password, words)
                operator.active = True
                role = operator.role
                audit.record(session, "recovery-key", "password_reset", "operators", login)
                # The recovery key vouches for this computer like an administrator.
                _set_meta(session, device_policy.VOUCHED, _now_text())
                if keyfile.revoked:
                    # The sync credential is dead at the server: forgotten, so the desk is
                    # enrolled again rather than revoked anew at its next sync.
                    for key in (device_policy.DEVICE_ID, device_policy.SECRET):
                        row = session.get(Meta, key)
                        if row is not None:
                            session.delete(row)
                    _set_meta(session, device_policy.REVOKED, "")
                    audit.record(session, "recovery-key", "revocation_lifted")
            # A legal advisor's new slot gets the legal key ring the recovery slot holds.
            ring = keys.get(LEGAL) if role == LEGAL_ADVISOR else None
            keyfile.set_operator_slot(login, new_password, dek, kdf, ring)
            keyfile.revoked = False
            keyfile.save(self.keyfile_path, dek)
        finally:
            store.lock()

    def open_with_key(self, keyfile: KeyFile, dek: bytes) -> OpenStore:
        """The store opened by the system itself (a restore, a reset) with a key at hand."""
        return self._open(keyfile, dek, None)

    def _open(
        self,
        keyfile: KeyFile,
        dek: bytes,
        login: str | None,
        failed_before: int = 0,
        opened: dict[str, bytes] | None = None,
    ) -> OpenStore:
        if self.db_path.stat().st_size == 0:
            # SQLite would take an empty file for a new database and write a schema into it.
            raise CorruptStore("database file is empty")
        # Read only, before anything may write: a refused log is never applied, and a
        # desk offline too long refuses a non-administrator before anything is written.
        vouching: list[bool] = []
        now = utcnow()

        def device_check(conn: Any) -> None:
            if login is not None:
                vouching.append(device_policy.check_unlock(conn, login, now))

        commits = journal.check_before_open(self.db_path, dek, keyfile.store_id, device_check)
        key = DatabaseKey(dek)
        engine, rows, before = _open_engine(self.db_path, key, login)
        desk, hlc, operator = rows
        if login is not None:
            if operator is None or not operator.active:
                engine.dispose()
                key.wipe()
                if operator is None:
                    raise UnknownOperator("login has a key slot but no operator record")
                raise OperatorDisabled("operator is disabled")
            actor = Actor(login=login, role=operator.role, desk=desk.value)
        else:
            actor = Actor(login=SYSTEM.login, role=SYSTEM.role, desk=desk.value)
        store = OpenStore(
            files=self,
            engine=engine,
            keyfile=keyfile,
            dek=key,
            actor=actor,
            clock=HybridClock(int(hlc.value) if hlc else 0),
            seal=journal.Journal(self.db_path, dek, keyfile.store_id, commits),
        )
        if login is not None:
            _note_unlock(store, login, failed_before, any(vouching), now, opened or {})
        if before is not None and before != head_revision():
            log.info("store schema upgraded from %s to %s", before, head_revision())
        return store


def _open_engine(
    path: Path, key: DatabaseKey, login: str | None
) -> tuple[Engine, tuple[Meta, Meta | None, Operator | None], str | None]:
    """The engine on ``path``, migrated; the desk and clock rows and the operator's record,
    and the schema revision before the migration. The key is wiped if anything fails."""
    engine = make_engine(path, key)
    try:
        _check_opens(engine)
        before, _after = migrate(engine, existing=True)
        with _session_factory(engine)() as session:
            desk = session.get(Meta, "desk")
            hlc = session.get(Meta, changes.HLC_KEY)
            operator = session.get(Operator, login) if login else None
        if desk is None:
            raise CorruptStore("store has no desk record")
    except SchemaTooNew:
        engine.dispose()
        key.wipe()
        raise
    except Exception as exc:
        engine.dispose()
        key.wipe()
        if is_notadb(exc) or isinstance(exc, CorruptStore):
            raise CorruptStore("database did not open with a valid key") from None
        raise
    return engine, (desk, hlc, operator), before


def _note_unlock(
    store: OpenStore,
    login: str,
    failed_before: int,
    vouched: bool,
    now: datetime,
    opened: dict[str, bytes],
) -> None:
    """Audit the unlock (and the failed attempts before it), note the clock and an admin's
    vouching for a long offline period, settle a legal advisor's legal key; on any failure
    the store is locked again."""
    try:
        with store.session() as session:
            if failed_before:
                audit.record(session, login, audit.UNLOCK_FAILED, detail=str(failed_before))
            audit.record(session, login, audit.UNLOCK)
            _note_clock(session, now)
            if vouched:
                _set_meta(session, device_policy.VOUCHED, now.isoformat())
                audit.record(session, login, "offline_vouched")
        if store.actor.role == LEGAL_ADVISOR:
            store.settle_legal_key(login, opened)
    except Exception as exc:
        store.lock()
        if is_notadb(exc):
            raise CorruptStore("database is damaged") from None
        raise


def _set_meta(session: Session, key: str, value: str) -> None:
    session.merge(Meta(key=key, value=value))


def _now_text() -> str:
    return utcnow().isoformat()


def _note_clock(session: Session, now: datetime) -> None:
    """Keep the latest time seen at an unlock (the offline rule ignores a clock set back)."""
    row = session.get(Meta, device_policy.CLOCK_HIGH)
    if row is None or row.value < now.isoformat():
        _set_meta(session, device_policy.CLOCK_HIGH, now.isoformat())


def _new_store_id() -> str:
    from models.ids import uuid7

    return uuid7()


def _check_opens(engine: Engine) -> None:
    """First read with the key; a wrong key and a corrupt header both fail here."""
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()


def _cipher_version(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA cipher_version").scalar())


_CHANGES_AT_BEGIN = "journal.changes_at_begin"
_SAVEPOINTS = "journal.savepoints"
_DISCARDED = "journal.discarded"


def _total_changes(connection: Any) -> int:
    return int(connection.connection.dbapi_connection.total_changes)


def _note_changes(session: Session, transaction: Any, connection: Any) -> None:
    """Where the connection's change count stood when this transaction began."""
    if transaction.nested:
        return  # a savepoint inside it: see _savepoint
    session.info[_CHANGES_AT_BEGIN] = _total_changes(connection)
    connection.info[_SAVEPOINTS] = []
    connection.info[_DISCARDED] = 0


# SQLite counts the rows a rolled-back savepoint wrote as changes: they are set aside so
# that a transaction whose every write was undone (a refused escalation) is no commit.
def _savepoint(connection: Any, _name: str) -> None:
    marks = connection.info.setdefault(_SAVEPOINTS, [])
    marks.append((_total_changes(connection), connection.info.get(_DISCARDED, 0)))


def _rollback_savepoint(connection: Any, _name: str, _context: Any) -> None:
    start, discarded = connection.info[_SAVEPOINTS].pop()
    connection.info[_DISCARDED] = discarded + _total_changes(connection) - start


def _release_savepoint(connection: Any, _name: str, _context: Any) -> None:
    connection.info[_SAVEPOINTS].pop()


def _written(connection: Any, start: int) -> bool:
    """Whether the transaction begun at change count ``start`` kept any write."""
    discarded: int = connection.info.get(_DISCARDED, 0)
    return _total_changes(connection) - discarded != start


def _session_factory(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(bind=engine.execution_options(immediate=True), expire_on_commit=False)
    changes.install(factory)
    search.install(factory)
    event.listen(factory, "after_begin", _note_changes)
    for name, listener in (
        ("savepoint", _savepoint),
        ("rollback_savepoint", _rollback_savepoint),
        ("release_savepoint", _release_savepoint),
    ):
        if not event.contains(engine, name, listener):
            event.listen(engine, name, listener)
    return factory


# ===================================================================== unlocked store
class OpenStore:
    """An unlocked store. Holds the database key until ``lock()``; after it, every
    session, connection or use of the key raises ``StoreLocked``."""

    def __init__(
        self,
        files: DeskStore,
        engine: Engine,
        keyfile: KeyFile,
        dek: DatabaseKey | bytearray,
        actor: Actor,
        clock: HybridClock,
        seal: journal.Journal | None = None,
    ) -> None:
        self._legal: legal.LegalKeyring | None = None  # a legal advisor's unlock: settle_legal_key
        self.files = files
        self.engine: Engine | None = engine
        self.keyfile = keyfile
        self._key = dek if isinstance(dek, DatabaseKey) else DatabaseKey(bytes(dek))
        self._journal = seal or journal.Journal(
            files.db_path, self._key.value(), keyfile.store_id, None
        )
        self.actor = actor
        self.desk = actor.desk
        self._factory = _session_factory(engine)
        self._capture = changes.CaptureContext(
            desk=actor.desk, clock=clock, schema_version=head_revision()
        )

    # ------------------------------------------------------------- sessions
    @contextlib.contextmanager
    def session(self, actor: Actor | None = None) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on error."""
        if self.engine is None:
            raise StoreLocked("store is locked")
        with self._factory() as session:
            session.info["actor"] = actor or self.actor
            session.info["capture"] = self._capture
            if session.info["actor"].role == LEGAL_ADVISOR:
                session.info[legal.SESSION_KEY] = self._legal
            with session.begin():
                yield session
                commits = self._count_commit(session)
            if commits:
                self._journal.sealed(commits)

    def _count_commit(self, session: Session) -> int:
        """The journal's commit number for this transaction, or 0 when it wrote nothing."""
        session.flush()  # pending objects: the transaction begins (and is noted) here
        start = session.info.pop(_CHANGES_AT_BEGIN, None)
        if start is None:
            return 0  # never touched the database
        connection = session.connection()
        if not _written(connection, start):
            return 0
        return self._journal.bump(connection)

    @property
    def dek(self) -> bytes:
        """A copy of the database key for one call (a backup, a check, a rekey)."""
        if self.engine is None:
            raise StoreLocked("store is locked")
        return self._key.value()

    @property
    def is_locked(self) -> bool:
        return self.engine is None

    def lock(self) -> None:
        """Wipe the database key and the legal key, close every connection and the journal.

        Takes no backup: a caller that wants one takes it first (``backups.backup_then_lock``).
        """
        if self.engine is None:
            return
        self._key.wipe()  # first: from now on no connection opens, whoever asks
        if self._legal is not None:
            self._legal.wipe()
        self.engine.dispose()
        self.engine = None
        self._journal.close()

    @property
    def schema_version(self) -> str:
        """The Alembic revision this store's rows are written in (sent at every sync)."""
        return self._capture.schema_version

    @property
    def clock(self) -> HybridClock:
        """The store's hybrid clock (sync merges the server's stamps into it)."""
        return self._capture.clock

    def destroy(self) -> None:
        """Erase this desk's data for good (remote wipe): the database, its key file and
        every backup. Without the key file nothing left on disk can be decrypted."""
        self.lock()
        files = self.files
        for path in (
            files.keyfile_path,
            files.pending_keyfile_path,
            journal.seal_path(files.db_path),
            files.db_path,
            files.db_path.with_name(files.db_path.name + "-wal"),
            files.db_path.with_name(files.db_path.name + "-shm"),
        ):
            path.unlink(missing_ok=True)
        shutil.rmtree(files.data_dir / backup_copies.BACKUP_DIR, ignore_errors=True)

    # ------------------------------------------------------------- operators
    def operators(self) -> list[Operator]:
        self.actor.require("operators.manage")
        with self.session() as session:
            return list(session.scalars(select(Operator).order_by(Operator.login)))

    def add_operator(
        self,
        login: str,
        role: str,
        password: str,
        display_name: str = "",
    ) -> None:
        self.actor.require("operators.manage")
        check_login(login)
        if role not in ROLES:
            raise ValidationFailed("role", "unknown")
        check_password(password, personal_words(login, display_name, self.desk))
        kdf = self.files.new_slot_kdf()
        with self.session() as session:
            if session.get(Operator, login) is not None:
                raise ValidationFailed("login", "exists")
            session.add(
                Operator(
                    login=login,
                    display_name=display_name,
                    role=role,
                    active=True,
                    created_at=utcnow(),
                )
            )
            audit.record(session, self.actor.login, "operator_add", "operators", login, role)
            legal_key = self._legal_for(login, role)
            self.keyfile.set_operator_slot(login, password, self.dek, kdf, legal_key)
            self.keyfile.save(self.files.keyfile_path, self.dek)

    def set_password(self, login: str, new_password: str) -> None:
        """Rewrap the key for ``login`` (oneself, or anyone for an admin); no re-encryption."""
        if login != self.actor.login:
            self.actor.require("operators.manage")
        kdf = self.files.new_slot_kdf()
        with self.session() as session:
            operator = session.get(Operator, login)
            if operator is None:
                raise UnknownOperator("no such operator")
            if not operator.active:  # a new slot would let a disabled operator back in
                raise OperatorDisabled("operator is disabled")
            check_password(new_password, personal_words(login, operator.display_name, self.desk))
            audit.record(session, self.actor.login, "password_change", "operators", login)
            legal_key = self._legal_for(login, operator.role)
            self.keyfile.set_operator_slot(login, new_password, self.dek, kdf, legal_key)
            self.keyfile.save(self.files.keyfile_path, self.dek)

    def disable_operator(self, login: str) -> None:
        """Remove the operator's key slot at once; their history stays."""
        self.actor.require("operators.manage")
        if login == self.actor.login:
            raise ValidationFailed("login", "self")
        with self.session() as session:
            operator = session.get(Operator, login)
            if operator is None:
                raise UnknownOperator("no such operator")
            operator.active = False
            audit.record(session, self.actor.login, "operator_disable", "operators", login)
            self.keyfile.remove_operator_slot(login)
            self.keyfile.save(self.files.keyfile_path, self.dek)

    # ------------------------------------------------------------- legal key
    @property
    def holds_legal_key(self) -> bool:
        """Whether the signed-in legal advisor's legal key is at hand in this store."""
        return self._legal is not None

    @property
    def legal_keyring(self) -> legal.LegalKeyring | None:
        """The legal key ring at hand (a legal advisor signed in), for the key exchange."""
        return self._legal

    def settle_legal_key(self, login: str, opened: dict[str, bytes]) -> None:
        """At legal advisor ``login``'s unlock, with what their slot opened (``opened``: the
        legal key ring, and the rings other computers of the desk granted them).

        The first legal advisor makes the legal key. The rings granted join the advisor's
        own ring. Whoever holds the ring seals it to every active legal advisor and to the
        recovery slot that lack it, and to all of them when it grew. An advisor without it
        while it exists waits for such a grant.
        """
        keyfile = self.keyfile
        slot = keyfile.operator_slot(login)
        grants = keyfile.grants(slot)
        own = opened.get(LEGAL)
        created = own is None and not keyfile.legal_key_exists()
        if created:
            own = legal.new_legal_key()
        if own is None:
            return  # the store's own ring comes first; rings received wait in the slot
        # The own ring leads: what is written here is always sealed under a key made here.
        ring = legal.merge_rings(own, *(opened[name] for name in grants if name in opened))
        grew = ring != own
        for name in grants:
            del slot.keys[name]
        with self.session() as session:
            advisors = set(
                session.scalars(
                    select(Operator.login).where(Operator.active, Operator.role == LEGAL_ADVISOR)
                )
            )
        sealed_to = []
        for other in keyfile.slots:
            wanted = other.kind == "recovery" or other.login in advisors
            if wanted and other.has_key_pair and (grew or created or LEGAL not in other.keys):
                keyfile.seal_to(other, LEGAL, ring)
                sealed_to.append(other.login or "#recovery")
        if sealed_to or grants:
            keyfile.save(self.files.keyfile_path, self.dek)
            with self.session() as session:
                if created:
                    audit.record(session, login, "legal_key_created")
                if grants:
                    detail = f"rings={len(grants)};keys={len(ring) // legal.KEY_BYTES}"
                    audit.record(session, login, "legal_keys_received", detail=detail)
                for other_login in sealed_to:
                    if other_login != login:
                        audit.record(session, login, "legal_key_granted", "operators", other_login)
        self._legal = legal.LegalKeyring(ring)
        with self.session(Actor(login=login, role=LEGAL_ADVISOR, desk=self.desk)) as session:
            count = consultations.seal_existing(session, self._legal.primary())
            if count:
                audit.record(session, login, "legal_sealed_existing", detail=str(count))

    def adopt_legal_key(self, login: str, password: str) -> None:
        """A legal advisor signs in on top of the operator whose session is open: their
        slot's legal key joins this store (sessions acting as a legal advisor use it)."""
        keys = self.keyfile.open_operator_keys(login, password)
        with self.session() as session:
            operator = session.get(Operator, login)
            if operator is None or not operator.active or operator.role != LEGAL_ADVISOR:
                raise PermissionDenied("consultation.content", operator.role if operator else "")
        self.settle_legal_key(login, keys)

    def _legal_for(self, login: str, role: str) -> bytes | None:
        """The legal key for a new slot of ``login``, when they are a legal advisor and
        the key is at hand (else a grant follows at a legal advisor's next unlock)."""
        if role != LEGAL_ADVISOR or self._legal is None:
            return None
        return self._legal.packed()

    # ------------------------------------------------------------- rekey
    def rekey(self, password: str, new_recovery_key: bool = True) -> tuple[str | None, list[str]]:
        """Re-encrypt the database under a new key, sealed to every active operator's slot.

        Everyone keeps their password: nobody re-enters anything, no temporary passwords.
        Every earlier copy of the key file (and every backup's) opens only the old key.
        ``new_recovery_key`` replaces the recovery key too (returned for printing; ``None``
        when kept). Returns it with the logins whose slot could not be kept: disabled
        operators' and slots from before key file version 3, which have no public key (an
        admin sets those operators a new password).
        """
        self.actor.require("store.rekey")
        if self.engine is None:
            raise StoreLocked("store is locked")
        self.keyfile.open_operator_slot(self.actor.login, password)  # re-authenticate
        self.rolling_backup(force=True)  # the data as it was, under the old key
        with self.session() as session:
            active = set(session.scalars(select(Operator.login).where(Operator.active)))
        new_dek = new_key()
        keyfile = copy.deepcopy(self.keyfile)
        dropped = keyfile.reseal(new_dek, active)
        recovery = None
        if new_recovery_key or not any(s.kind == "recovery" for s in keyfile.slots):
            if keyfile.legal_key_exists() and not any(
                LEGAL in s.keys for s in keyfile.slots if s.kind == "operator"
            ):
                # Only the recovery slot holds the legal key: a new recovery key would lose
                # every consultation. A legal advisor signs in first (and is granted it).
                raise ValidationFailed("recovery_key", "holds_the_legal_key")
            raw = new_key()
            keyfile.set_recovery_slot(raw, new_dek)  # the legal key: granted at an advisor's
            recovery = format_recovery_key(raw)  # next unlock
        self._reencrypt(keyfile, new_dek)
        with self.session() as session:
            detail = f"kept={len(keyfile.logins())};dropped={len(dropped)}"
            detail += ";recovery=new" if recovery else ";recovery=kept"
            audit.record(session, self.actor.login, "rekey", detail=detail)
        return recovery, dropped

    def revoke_device(self) -> None:
        """The central server revoked this computer: no password may open it again.

        The database is re-encrypted under a new key sealed to the recovery slot alone and
        the key file keeps no operator slot (marked revoked); the rolling backups' key files
        made under the current key lose their operator slots first. Needs no permission:
        sync calls it when the server says so. See ``models.device_policy``.
        """
        if self.engine is None:
            raise StoreLocked("store is locked")
        if self.keyfile.revoked:
            return
        self._strip_backup_slots()
        new_dek = new_key()
        keyfile = copy.deepcopy(self.keyfile)
        keyfile.reseal(new_dek, set())
        if not any(s.kind == "recovery" for s in keyfile.slots):
            raise KeyFileTampered("no recovery slot to seal the key to")
        keyfile.revoked = True
        with self.session() as session:
            audit.record(session, SYSTEM.login, "device_revoked")
        self._reencrypt(keyfile, new_dek)

    def _strip_backup_slots(self) -> None:
        dek = self.dek
        for _at, db_path in backup_copies.list_rolling(self.files.data_dir):
            path = backup_copies.keys_path(db_path)
            try:
                keyfile = KeyFile.load(path, require_slots=False)
                keyfile.check_mac(dek)
            except StoreError:  # another key (before a rekey), or damaged: left as it is
                log.warning("a backup's key file keeps its operator slots: %s", path.name)
                continue
            keyfile.slots = [s for s in keyfile.slots if s.kind == "recovery"]
            keyfile.revoked = True
            keyfile.save(path, dek)

    def _reencrypt(self, keyfile: KeyFile, new_dek: bytes) -> None:
        """Change the database key to ``new_dek`` with ``keyfile`` as its new key file."""
        assert self.engine is not None
        # The new key file is on disk before the database changes key: if the process dies
        # in between, unlock finds it (see DeskStore.unlock) and nothing becomes unreadable.
        pending = self.files.pending_keyfile_path
        keyfile.save(pending, new_dek)
        self.engine.dispose()
        conn = sqlcipher.connect(str(self.files.db_path), isolation_level=None)
        try:
            configure_connection(conn, self._key.value())
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute(f"PRAGMA rekey = \"x'{new_dek.hex()}'\"")
        finally:
            conn.close()
        self._journal.rekeyed(new_dek)  # before the key file: see _finish_interrupted_rekey
        pending.replace(self.files.keyfile_path)
        self.keyfile = keyfile
        self._key.replace(new_dek)
        self.engine = make_engine(self.files.db_path, self._key)
        self._factory = _session_factory(self.engine)

    # ------------------------------------------------------------- device
    def device_state(self) -> device_policy.DeviceState:
        """What the store knows of its contact with the central server."""
        with self.session() as session:
            rows = session.scalars(select(Meta).where(Meta.key.startswith("device.")))
            values = {m.key: m.value for m in rows}
            for key in (device_policy.DEVICE_ID, device_policy.LAST_OK):
                row = session.get(Meta, key)
                if row is not None:
                    values[key] = row.value
        return device_policy.state_from(values)

    def set_offline_days(self, days: int) -> None:
        """How many days this desk may stay without a sync before only admins unlock it."""
        settings.put(self, settings.OFFLINE_DAYS, days)

    # ------------------------------------------------------------- integrity
    def verify(self) -> Report:
        """Check every page, the structure, foreign keys, the audit chain and the key file."""
        self.actor.require("store.verify")
        if self.engine is None:
            raise StoreLocked("store is locked")
        try:
            report = verify_engine(self.engine)
        except Exception as exc:
            if not is_notadb(exc):
                raise
            report = Report(cipher_problems=["unreadable page"])
        store_id, operators = None, None
        if not (report.cipher_problems or report.integrity_problems):
            with self.session() as session:
                meta = session.get(Meta, "store_id")
                store_id = meta.value if meta else None
                operators = {o.login: (o.role, o.active) for o in session.scalars(select(Operator))}
        report.keyfile_problems = check_key_file(
            self.files.keyfile_path, self.dek, store_id, operators
        )
        if not (report.cipher_problems or report.integrity_problems):
            with self.session() as session:
                counter = session.get(Meta, journal.COUNTER_KEY)
            report.journal_problems = journal.problems(
                self.files.db_path,
                self.dek,
                self.keyfile.store_id,
                int(counter.value) if counter else None,
            )
        if report.ok:
            with self.session() as session:
                audit.record(session, self.actor.login, "verify", detail="ok")
        return report

    def backup_to(self, dest: Path) -> Path:
        """A verified encrypted copy of the store and its key file at ``dest`` (audited)."""
        self.actor.require("store.backup")
        path = backup_copies.copy_store(self._engine(), self.dek, self.files.keyfile_path, dest)
        with self.session() as session:
            audit.record(session, self.actor.login, "backup")
        return path

    def rolling_backup(self, force: bool = False, now: datetime | None = None) -> Path | None:
        """A rolling backup, unless one is younger than an hour (``force``: now anyway)."""
        return backup_copies.take_rolling(
            self.files.data_dir, self._engine(), self.dek, self.files.keyfile_path, force, now
        )

    def _engine(self) -> Engine:
        if self.engine is None:
            raise StoreLocked("store is locked")
        return self.engine
