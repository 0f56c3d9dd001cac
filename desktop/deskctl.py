"""``arco-deskctl``: set up and look after a desk store from a terminal or a script.

Usage (global options may come before or after the command)::

    arco-deskctl [--data-dir DIR] [--lang it|en] [--operator LOGIN] [--password-stdin] COMMAND

    init --desk CODE --admin LOGIN [--display-name NAME]
                                    create the store; prints the recovery key once
    verify                          check pages, structure, foreign keys, audit trail,
                                    key file (seal, required slots)
    backup --to PATH                encrypted copy (PATH and PATH's .keys.json)
    restore --from PATH             replace the store with a backup (the store must be
                                    closed); the replaced files are moved aside, not deleted
    rekey [--keep-recovery-key]     re-encrypt under a new key sealed to every active
                                    operator (passwords unchanged); prints the new recovery
                                    key and any login that needs a new password
    offline-days [DAYS]             show or set the days without sync after which only
                                    administrators unlock this desk (default 30)
    operator add LOGIN --role ROLE [--display-name NAME]
    operator passwd LOGIN [--recovery-key-stdin | --use-recovery-key]
                          [--rekey [--keep-recovery-key]]
    operator disable LOGIN [--rekey [--keep-recovery-key]]
    operator list
    export-person PERSON_ID --out FILE    GDPR access: JSON, new file only, mode 0600
    erase-person PERSON_ID --yes          GDPR erasure (cannot be undone)
    purge [--years N] --yes               erase people past the retention period (5 years)
    enroll --server URL --code CODE [--ca-bundle FILE] [--allow-http]
                                    enrol this desk with the central server (admin)
    sync                            one sync cycle with the central server

Every command except ``init`` and a recovery-key ``operator passwd`` unlocks the store as
``--operator LOGIN``. Passwords are never taken from the command line: they are asked at
the terminal (without echo), or read one per line from standard input with
``--password-stdin``. When a command needs two secrets they are read in this order: the
acting operator's password, then the new password (``operator add``, ``operator passwd``);
with ``--recovery-key-stdin`` the recovery key comes first, then the new password.

``restore`` checks ``--operator``'s password against the backup, not the current store
(which may be the damaged one being replaced).

The store is locked again at the end of every command; commands that change data take a
rolling backup while locking. Commands that change files (``init``, ``restore``,
``rekey``, ``operator add|passwd|disable``, ``erase-person``, ``purge``) hold the data
folder's instance lock (``desktop.instance``), so they refuse to run while ARCO Desk has
the folder open. Messages come from ``ui.errors`` in the operator's language
(``--lang``, else ``ARCO_LANG``, else ``LANG``; Italian by default) and never show a
traceback. Like ``arco-desk``, the command first turns core dumps off
(``desktop.hardening``).

Exit codes:

    0    success
    1    usage error (bad or missing option, missing confirmation, no password given)
    2    sign-in refused: wrong password or recovery key, unknown or disabled operator,
         too many attempts (wait), the operator's role does not allow the command, this
         computer was revoked, or it went too long without a sync (administrators only)
    3    integrity problem: ``verify`` found problems, or the database or its key file is
         damaged, altered or missing
    4    other error (no store, store already exists, invalid value, file problem, data
         folder in use by ARCO Desk, …)
    5    unexpected internal error (a bug: only the error's type name is shown)
    130  interrupted (Ctrl+C)
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import getpass
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NoReturn

from PySide6.QtCore import QCoreApplication, QObject

from desktop import instance
from desktop.hardening import disable_core_dumps
from desktop.paths import default_data_dir
from models import backups
from models import errors as e
from models.clock import utcnow
from models.private_files import write_private
from models.reference import desk_codes
from models.roles import ROLES
from models.store import DeskStore, OpenStore, check_login
from ui.errors import arg as _arg
from ui.errors import journal_problem_label, key_file_problem_label, message_for, role_label
from ui.i18n import SUPPORTED, install_translator, language_from_env, normalize

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_AUTH = 2
EXIT_INTEGRITY = 3
EXIT_ERROR = 4
EXIT_INTERNAL = 5
EXIT_INTERRUPTED = 130

PROG = "arco-deskctl"

_AUTH_ERRORS = (
    e.WrongPassword,
    e.UnknownOperator,
    e.OperatorDisabled,
    e.Throttled,
    e.PermissionDenied,
    e.DeviceRevoked,
    e.OfflineTooLong,
)
_INTEGRITY_ERRORS = (e.CorruptStore, e.AuditChainBroken, e.KeyFileMissing, e.KeyFileInvalid)

# After these, the data folder is shown too: the operator may be looking in the wrong place.
_WHERE_ERRORS = (
    e.StoreNotFound,
    e.StoreExists,
    e.KeyFileMissing,
    e.KeyFileInvalid,
    e.KeyFileTooNew,
    e.CorruptStore,
    e.SchemaTooNew,
)

_app: QCoreApplication | None = None


class UsageError(Exception):
    """A problem with how the command was called; the message is already translated."""


class FolderInUse(Exception):
    """Another program holds the data folder's instance lock."""


class CommandUnavailable(Exception):
    """The command needs a part of the core this build does not have."""


class SyncFailed(Exception):
    """Enrolment or sync did not succeed; the message is already translated."""


def exit_code_for(exc: BaseException) -> int:
    if isinstance(exc, UsageError):
        return EXIT_USAGE
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, _AUTH_ERRORS):
        return EXIT_AUTH
    if isinstance(exc, _INTEGRITY_ERRORS):
        return EXIT_INTEGRITY
    if isinstance(exc, e.ArcoError | OSError | SyncFailed):
        return EXIT_ERROR
    return EXIT_INTERNAL


# ===================================================================== secrets
def _can_prompt() -> bool:
    """Is there a terminal to ask on? (``getpass`` would otherwise echo from stdin.)"""
    if os.name == "posix":
        try:
            fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
        except OSError:
            return False
        os.close(fd)
        return True
    return sys.stdin.isatty()


class Secrets:
    """Passwords and recovery keys: from the terminal without echo, or stdin lines."""

    def __init__(self, stdin: IO[str], password_stdin: bool, recovery_key_stdin: bool = False):
        self.stdin = stdin
        self.password_stdin = password_stdin
        self.recovery_key_stdin = recovery_key_stdin

    def _line(self) -> str:
        line = self.stdin.readline()
        if not line:
            raise UsageError(
                QCoreApplication.translate(
                    "deskctl", "A password was expected on standard input, but none was given."
                )
            )
        return line.rstrip("\r\n")

    def _prompt(self, prompt: str) -> str:
        if not _can_prompt():
            raise UsageError(
                QCoreApplication.translate(
                    "deskctl",
                    "There is no terminal to ask for the password: "
                    "use --password-stdin and write it on standard input.",
                )
            )
        return getpass.getpass(prompt)

    def password(self, login: str) -> str:
        if self.password_stdin:
            return self._line()
        return self._prompt(_arg(QCoreApplication.translate("deskctl", "Password for %1: "), login))

    def new_password(self, login: str) -> str:
        if self.password_stdin:
            return self._line()
        first = self._prompt(
            _arg(QCoreApplication.translate("deskctl", "New password for %1: "), login)
        )
        again = self._prompt(QCoreApplication.translate("deskctl", "Type it again: "))
        if first != again:
            raise UsageError(
                QCoreApplication.translate(
                    "deskctl", "The two passwords are different. Nothing was changed."
                )
            )
        return first

    def recovery_key(self) -> str:
        if self.recovery_key_stdin:
            return self._line()
        return self._prompt(QCoreApplication.translate("deskctl", "Recovery key: "))


# ===================================================================== context
@dataclass
class Context:
    args: argparse.Namespace
    data_dir: Path
    out: IO[str]
    err: IO[str]
    secrets: Secrets
    recovery_key: bool = False  # a WrongPassword is about the recovery key

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    @property
    def files(self) -> DeskStore:
        return DeskStore(self.data_dir)

    def operator(self) -> str:
        login: str | None = getattr(self.args, "operator", None)
        if not login:
            raise UsageError(
                QCoreApplication.translate(
                    "deskctl", "This command needs --operator LOGIN (who is signing in)."
                )
            )
        return login

    def unlock(self) -> tuple[OpenStore, str]:
        """Sign in as ``--operator``; refuses early when the store or key file is missing."""
        login = self.operator()
        files = self.files
        files.key_file()  # no store / missing or damaged key file: say so before asking
        wait = files.attempts.retry_after(login)
        if wait > 0:
            raise e.Throttled(wait)
        password = self.secrets.password(login)
        return files.unlock(login, password), password


@contextlib.contextmanager
def _exclusive(ctx: Context, create: bool = False) -> Iterator[None]:
    """Hold the data folder's instance lock (``desktop.instance``) while changing files.

    The windows hold it while a store is open: rewriting the key file or replacing the
    database under them would lose data. A folder that does not exist is not created (the
    command then reports that there is no store) unless ``create`` is set.
    """
    if not create and not ctx.data_dir.is_dir():
        yield
        return
    lock = instance.acquire(ctx.data_dir)
    if lock is None:
        raise FolderInUse(str(ctx.data_dir))
    try:
        yield
    finally:
        lock.unlock()


@contextlib.contextmanager
def _unlocked(ctx: Context, changes_data: bool) -> Iterator[tuple[OpenStore, str]]:
    """The store unlocked for one command, locked again however the command ends.

    Commands that change data hold the folder lock and take a rolling backup at the end.
    """
    with _exclusive(ctx) if changes_data else contextlib.nullcontext():
        store, password = ctx.unlock()
        try:
            yield store, password
        finally:
            store.lock(backup=changes_data)


def _confirmed(ctx: Context, text: str) -> None:
    if not getattr(ctx.args, "yes", False):
        raise UsageError(text)


def _print_recovery_key(ctx: Context, key: str) -> None:
    ctx.say()
    ctx.say(QCoreApplication.translate("deskctl", "RECOVERY KEY"))
    ctx.say()
    ctx.say(f"    {key}")
    ctx.say()
    ctx.say(
        QCoreApplication.translate(
            "deskctl",
            "WRITE THIS KEY DOWN ON PAPER OR PRINT IT NOW, and keep it locked away, apart "
            "from this computer (for example in the desk's safe).\n"
            "It is shown only this once. If every administrator forgets their password, it "
            "is the only way back into the data: without it nobody, not even technical "
            "support, can recover them.\n"
            "Do not save it in a file on this computer and do not send it by e-mail.",
        )
    )


# ===================================================================== commands
def cmd_init(ctx: Context) -> int:
    args = ctx.args
    files = ctx.files
    if files.exists():
        raise e.StoreExists("a desk store already exists in this folder")
    check_login(args.admin)
    password = ctx.secrets.new_password(args.admin)
    with _exclusive(ctx, create=True):
        created = files.create(args.desk, args.admin, password, args.display_name or "")
        try:
            ctx.say(
                _arg(
                    QCoreApplication.translate("deskctl", "Desk store created for desk %1 in: %2"),
                    args.desk,
                    ctx.data_dir,
                )
            )
            ctx.say(_arg(QCoreApplication.translate("deskctl", "Administrator: %1"), args.admin))
            _print_recovery_key(ctx, created.recovery_key)
        finally:
            created.store.lock(backup=True)
    return EXIT_OK


def _problem_lines(ctx: Context, problems: Sequence[str]) -> None:
    for problem in problems[:10]:
        ctx.say(f"    {problem}")
    if len(problems) > 10:
        ctx.say("    …")


class Counts(QObject):
    """Messages with a count. pyside6-lupdate (6.11) extracts plural forms only from
    ``self.tr(text, disambiguation, n)`` inside a QObject's method, so they live here."""

    def cipher(self, n: int) -> str:
        return self.tr("Encrypted pages: %n problem(s)", "", n)

    def structure(self, n: int) -> str:
        return self.tr("Database structure: %n problem(s)", "", n)

    def foreign_keys(self, n: int) -> str:
        return self.tr("Foreign keys: %n broken reference(s)", "", n)

    def audit_ok(self, n: int) -> str:
        return self.tr("Audit trail: %n event(s), chain intact", "", n)

    def key_file(self, n: int) -> str:
        return self.tr("Key file: %n problem(s)", "", n)

    def purged(self, n: int) -> str:
        return self.tr(
            "%n person record(s) past the retention period (%1 years) were erased.", "", n
        )


def cmd_verify(ctx: Context) -> int:
    with _unlocked(ctx, changes_data=False) as (store, _):
        report = store.verify()
    if report.cipher_problems:
        ctx.say(Counts().cipher(len(report.cipher_problems)))
        _problem_lines(ctx, report.cipher_problems)
    else:
        ctx.say(QCoreApplication.translate("deskctl", "Encrypted pages: ok"))
    if report.integrity_problems:
        ctx.say(Counts().structure(len(report.integrity_problems)))
        _problem_lines(ctx, report.integrity_problems)
    elif report.cipher_problems:
        ctx.say(QCoreApplication.translate("deskctl", "Database structure: not checked"))
    else:
        ctx.say(QCoreApplication.translate("deskctl", "Database structure: ok"))
    if report.cipher_problems or report.integrity_problems:
        ctx.say(QCoreApplication.translate("deskctl", "Foreign keys: not checked"))
        ctx.say(QCoreApplication.translate("deskctl", "Audit trail: not checked"))
    else:
        if report.foreign_key_problems:
            ctx.say(Counts().foreign_keys(report.foreign_key_problems))
        else:
            ctx.say(QCoreApplication.translate("deskctl", "Foreign keys: ok"))
        if report.audit_broken_at is not None:
            ctx.say(
                _arg(
                    QCoreApplication.translate("deskctl", "Audit trail: broken at event %1"),
                    report.audit_broken_at,
                )
            )
        else:
            ctx.say(Counts().audit_ok(report.audit_events))
        if report.audit_anchor_problem == "shortened":
            ctx.say(
                QCoreApplication.translate(
                    "deskctl",
                    "Audit trail: events recorded before the last synchronisation are missing",
                )
            )
        elif report.audit_anchor_problem is not None:
            ctx.say(
                QCoreApplication.translate(
                    "deskctl",
                    "Audit trail: an event recorded before the last synchronisation was changed",
                )
            )
    if report.keyfile_problems:
        ctx.say(Counts().key_file(len(report.keyfile_problems)))
        _problem_lines(ctx, [key_file_problem_label(p) for p in report.keyfile_problems])
    else:
        ctx.say(QCoreApplication.translate("deskctl", "Key file: ok"))
    if report.journal_problems:
        labels = ", ".join(journal_problem_label(p) for p in report.journal_problems)
        ctx.say(_arg(QCoreApplication.translate("deskctl", "Journal: %1"), labels))
    elif not (report.cipher_problems or report.integrity_problems):
        ctx.say(QCoreApplication.translate("deskctl", "Journal: ok"))
    ctx.say()
    if report.ok:
        ctx.say(
            QCoreApplication.translate(
                "deskctl", "Result: the database and its key file are intact."
            )
        )
        return EXIT_OK
    ctx.say(
        QCoreApplication.translate(
            "deskctl",
            "Result: PROBLEMS FOUND. Stop working on this store, restore the latest good "
            "backup (arco-deskctl restore) and contact technical support.",
        )
    )
    return EXIT_INTEGRITY


def _exists_error(path: Path) -> FileExistsError:
    return FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def cmd_backup(ctx: Context) -> int:
    dest = Path(ctx.args.to).expanduser()
    if dest.is_dir():
        dest = dest / f"desk-{utcnow().strftime(backups.STAMP)}.db"
    for path in (dest, backups.keys_path(dest)):
        if path.exists():
            raise _exists_error(path)
    with _unlocked(ctx, changes_data=False) as (store, _):
        written = store.backup_to(dest)
    ctx.say(_arg(QCoreApplication.translate("deskctl", "Backup written: %1"), written))
    ctx.say(
        _arg(
            QCoreApplication.translate("deskctl", "Its key file: %1"),
            backups.keys_path(written),
        )
    )
    ctx.say(
        QCoreApplication.translate(
            "deskctl",
            "Keep the two files together: the backup opens only with its key file and the "
            "passwords that were valid when it was made.",
        )
    )
    return EXIT_OK


def cmd_restore(ctx: Context) -> int:
    source = Path(ctx.args.source).expanduser()
    for path in (source, backups.keys_path(source)):
        if not path.is_file():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    login = ctx.operator()
    password = ctx.secrets.password(login)
    with _exclusive(ctx, create=True):
        aside = backups.restore(ctx.files, source, login, password)
    ctx.say(
        _arg(
            QCoreApplication.translate("deskctl", "The desk store was restored from: %1"),
            source,
        )
    )
    ctx.say(
        _arg(
            QCoreApplication.translate(
                "deskctl", "The files it replaced were moved to: %1 (nothing was deleted)."
            ),
            aside,
        )
    )
    ctx.say(
        QCoreApplication.translate(
            "deskctl",
            "Sign in with the passwords that were valid when the backup was made.",
        )
    )
    return EXIT_OK


def cmd_rekey(ctx: Context) -> int:
    with _unlocked(ctx, changes_data=True) as (store, password):
        _rekey(ctx, store, password, not ctx.args.keep_recovery_key)
    return EXIT_OK


def _rekey(ctx: Context, store: OpenStore, password: str, new_recovery_key: bool) -> None:
    """Re-encrypt under a new key sealed to every active operator, and say what changed."""
    key, dropped = store.rekey(password, new_recovery_key=new_recovery_key)
    ctx.say(
        QCoreApplication.translate("deskctl", "The database has been re-encrypted with a new key.")
    )
    if key is not None:
        _print_recovery_key(ctx, key)
    else:
        ctx.say(QCoreApplication.translate("deskctl", "The recovery key stays the same."))
    ctx.say()
    ctx.say(
        QCoreApplication.translate(
            "deskctl",
            "Old copies of the key file no longer open the database, whoever holds them. "
            "Backups made before now still open with the passwords of then: keep those "
            "backups as safe as before.",
        )
    )
    ctx.say()
    if dropped:
        ctx.say(
            _arg(
                QCoreApplication.translate(
                    "deskctl",
                    "These operators cannot sign in until an administrator sets them a "
                    "new password (arco-deskctl operator passwd LOGIN): %1",
                ),
                ", ".join(dropped),
            )
        )
    else:
        ctx.say(
            QCoreApplication.translate(
                "deskctl", "Every other operator keeps their password: nobody needs a new one."
            )
        )


def _suggest_rekey(ctx: Context, login: str) -> None:
    ctx.say(
        _arg(
            QCoreApplication.translate(
                "deskctl",
                "Copies of the key file that %1 may have kept still open the database until "
                "it is re-encrypted: run arco-deskctl rekey (everyone keeps their password).",
            ),
            login,
        )
    )


def cmd_operator_add(ctx: Context) -> int:
    args = ctx.args
    check_login(args.login)
    with _unlocked(ctx, changes_data=True) as (store, _):
        new_password = ctx.secrets.new_password(args.login)
        store.add_operator(args.login, args.role, new_password, args.display_name or "")
    ctx.say(
        _arg(
            QCoreApplication.translate(
                "deskctl", "Operator %1 added with the role: %2. They can sign in now."
            ),
            args.login,
            role_label(args.role),
        )
    )
    return EXIT_OK


def cmd_operator_passwd(ctx: Context) -> int:
    args = ctx.args
    login = args.login
    if args.recovery_key_stdin or args.use_recovery_key:
        files = ctx.files
        files.key_file()
        ctx.recovery_key = True
        key = ctx.secrets.recovery_key()
        new_password = ctx.secrets.new_password(login)
        with _exclusive(ctx):
            files.reset_password(key, login, new_password)
        ctx.say(
            _arg(
                QCoreApplication.translate(
                    "deskctl",
                    "The password of %1 has been reset with the recovery key. "
                    "They can sign in with the new password.",
                ),
                login,
            )
        )
        return EXIT_OK
    with _unlocked(ctx, changes_data=True) as (store, password):
        new_password = ctx.secrets.new_password(login)
        store.set_password(login, new_password)
        ctx.say(
            _arg(QCoreApplication.translate("deskctl", "The password of %1 was changed."), login)
        )
        if args.rekey:
            # The acting operator's own password may be the one just changed.
            current = new_password if login == store.actor.login else password
            _rekey(ctx, store, current, not args.keep_recovery_key)
        else:
            _suggest_rekey(ctx, login)
    return EXIT_OK


def cmd_operator_disable(ctx: Context) -> int:
    args = ctx.args
    with _unlocked(ctx, changes_data=True) as (store, password):
        store.disable_operator(args.login)
        ctx.say(
            _arg(
                QCoreApplication.translate(
                    "deskctl",
                    "Operator %1 was disabled and can no longer sign in. "
                    "Their past work stays in the records.",
                ),
                args.login,
            )
        )
        if args.rekey:
            _rekey(ctx, store, password, not args.keep_recovery_key)
        else:
            _suggest_rekey(ctx, args.login)
    return EXIT_OK


def cmd_offline_days(ctx: Context) -> int:
    from models.clock import utcnow

    days = ctx.args.days
    with _unlocked(ctx, changes_data=days is not None) as (store, _):
        if days is not None:
            store.set_offline_days(days)
        state = store.device_state()
    ctx.say(
        _arg(
            QCoreApplication.translate(
                "deskctl",
                "Days this computer may go without synchronising before only administrators "
                "can unlock it: %1",
            ),
            state.offline_days,
        )
    )
    if not state.enrolled:
        ctx.say(
            QCoreApplication.translate("deskctl", "This desk is not enrolled: no limit applies.")
        )
    elif state.last_contact is not None:
        ctx.say(
            _arg(
                QCoreApplication.translate(
                    "deskctl", "Last contact with the Welcome Center: %1 (%2 days ago)."
                ),
                state.last_contact.strftime("%Y-%m-%d %H:%M"),
                state.days_offline(utcnow()),
            )
        )
    return EXIT_OK


def cmd_operator_list(ctx: Context) -> int:
    with _unlocked(ctx, changes_data=False) as (store, _):
        operators = store.operators()
        with_password = set(store.keyfile.logins())
    rows = []
    for op in operators:
        if not op.active:
            state = QCoreApplication.translate("deskctl", "disabled")
        elif op.login not in with_password:
            state = QCoreApplication.translate("deskctl", "needs a new password")
        else:
            state = QCoreApplication.translate("deskctl", "active")
        rows.append((op.login, role_label(op.role), state, op.display_name or ""))
    headers = (
        QCoreApplication.translate("deskctl", "LOGIN"),
        QCoreApplication.translate("deskctl", "ROLE"),
        QCoreApplication.translate("deskctl", "STATE"),
        QCoreApplication.translate("deskctl", "NAME"),
    )
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(3)]
    for row in [headers, *rows]:
        cells = [str(row[i]).ljust(widths[i]) for i in range(3)]
        ctx.say("  ".join([*cells, row[3]]).rstrip())
    return EXIT_OK


def cmd_enroll(ctx: Context) -> int:
    from sync import client
    from sync.transport import InsecureServer, ServerRefused, TransportError
    from ui.sync_messages import error_text

    with _unlocked(ctx, changes_data=True) as (store, _):
        try:
            device = client.enrol(
                store,
                store.actor,
                ctx.args.server,
                ctx.args.code,
                device_name=ctx.args.device_name,
                ca_bundle=ctx.args.ca_bundle,
                allow_insecure=ctx.args.allow_http,
            )
        except (InsecureServer, ServerRefused, TransportError) as exc:
            raise SyncFailed(error_text(exc.code)) from None
    ctx.say(_arg(QCoreApplication.translate("deskctl", "Desk enrolled; device %1."), device))
    return EXIT_OK


def cmd_sync(ctx: Context) -> int:
    from sync import client
    from ui.sync_messages import error_text

    with _unlocked(ctx, changes_data=True) as (store, _):
        runner = client.SyncClient(store)
        try:
            report = runner.sync()
        finally:
            runner.close()
        if report.wiped:
            raise SyncFailed(error_text("device_wipe"))
        if not report.ok:
            raise SyncFailed(error_text(report.error))
    ctx.say(
        _arg(
            QCoreApplication.translate(
                "deskctl", "Sync done: %1 sent, %2 received, %3 refused, %4 conflicts."
            ),
            report.pushed,
            report.pulled,
            report.rejected,
            report.conflicts,
        )
    )
    if report.audit_flag:  # the server flagged this desk's audit trail: sync went on
        ctx.say(error_text(report.audit_flag))
    return EXIT_OK


def _gdpr() -> Any:
    try:
        from models import gdpr
    except ImportError:
        raise CommandUnavailable("models.gdpr") from None
    return gdpr


def cmd_export_person(ctx: Context) -> int:
    gdpr = _gdpr()
    out = Path(ctx.args.out).expanduser()
    if out.exists() or out.is_symlink():
        raise _exists_error(out)
    with _unlocked(ctx, changes_data=False) as (store, _), store.session() as session:
        data: bytes = gdpr.export_json(session, store.actor, ctx.args.person_id)
    try:
        write_private(out, data)
    except FileExistsError:  # created meanwhile: still never overwritten
        raise _exists_error(out) from None
    ctx.say(
        _arg(
            QCoreApplication.translate("deskctl", "The data of person %1 were written to: %2"),
            ctx.args.person_id,
            out,
        )
    )
    ctx.say(
        QCoreApplication.translate(
            "deskctl",
            "The file contains personal data: give it only to the person concerned and "
            "delete it from this computer afterwards.",
        )
    )
    return EXIT_OK


def cmd_erase_person(ctx: Context) -> int:
    _confirmed(
        ctx,
        QCoreApplication.translate(
            "deskctl",
            "Erasing a person cannot be undone. Repeat the command with --yes to confirm.",
        ),
    )
    gdpr = _gdpr()
    with _unlocked(ctx, changes_data=True) as (store, _):
        with store.session() as session:
            gdpr.erase_person(session, store.actor, ctx.args.person_id)
        gdpr.purge_free_pages(store)
    ctx.say(
        _arg(
            QCoreApplication.translate(
                "deskctl", "The personal data of person %1 were erased from this desk."
            ),
            ctx.args.person_id,
        )
    )
    return EXIT_OK


def cmd_purge(ctx: Context) -> int:
    years: int = ctx.args.years
    _confirmed(
        ctx,
        QCoreApplication.translate(
            "deskctl",
            "Purging erases people for good. Repeat the command with --yes to confirm.",
        ),
    )
    gdpr = _gdpr()
    with _unlocked(ctx, changes_data=True) as (store, _):
        with store.session() as session:
            count = int(gdpr.purge(session, store.actor, utcnow(), retention_years=years))
        if count:
            gdpr.purge_free_pages(store)
    ctx.say(
        _arg(
            Counts().purged(count),
            years,
        )
    )
    return EXIT_OK


# ===================================================================== arguments
class _Parser(argparse.ArgumentParser):
    """No abbreviations (``--password`` must never match ``--password-stdin``) and no
    echo of rejected arguments (they may be a password typed in the wrong place)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        if "unrecognized arguments" in message or "explicit argument" in message:
            message = QCoreApplication.translate(
                "deskctl",
                "Unknown options or extra arguments. Passwords are never accepted on the "
                "command line: use the prompt or --password-stdin.",
            )
        raise UsageError(f"{self.format_usage().rstrip()}\n{self.prog}: {message}")


def _positive_years(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            QCoreApplication.translate("deskctl", "must be a whole number of years, 1 or more")
        )
    return value


def _common_options() -> _Parser:
    """Options accepted before or after the command (defaults filled in later)."""
    common = _Parser(add_help=False)
    s = argparse.SUPPRESS
    common.add_argument(
        "--data-dir",
        metavar=QCoreApplication.translate("deskctl", "DIR"),
        default=s,
        help=_arg(
            QCoreApplication.translate(
                "deskctl", "the desk's data folder (default: %1, or $ARCO_DATA_DIR)"
            ),
            default_data_dir(environ={}),
        ).replace("%", "%%"),  # argparse applies %-formatting to help texts
    )
    common.add_argument(
        "--lang",
        choices=SUPPORTED,
        default=s,
        help=QCoreApplication.translate(
            "deskctl", "language of messages (default: $ARCO_LANG, then $LANG, else it)"
        ),
    )
    common.add_argument(
        "--operator",
        metavar="LOGIN",
        default=s,
        help=QCoreApplication.translate("deskctl", "the operator who signs in for the command"),
    )
    common.add_argument(
        "--password-stdin",
        action="store_true",
        default=s,
        help=QCoreApplication.translate(
            "deskctl",
            "read passwords from standard input, one per line, instead of asking",
        ),
    )
    return common


def build_parser() -> _Parser:
    common = _common_options()
    parser = _Parser(
        prog=PROG,
        parents=[common],
        description=QCoreApplication.translate(
            "deskctl", "Set up and look after the encrypted store of an ARCO desk."
        ),
        epilog=QCoreApplication.translate(
            "deskctl",
            "Exit codes: 0 success, 1 usage error, 2 sign-in refused, 3 integrity problem, "
            "4 other error, 5 unexpected error, 130 interrupted.",
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(
        sub: Any, name: str, help_text: str, run: Callable[[Context], int]
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(
            name, parents=[common], help=help_text, description=help_text
        )
        p.set_defaults(run=run)
        return p

    p = command(
        commands,
        "init",
        QCoreApplication.translate("deskctl", "create the desk store and its first administrator"),
        cmd_init,
    )
    p.add_argument(
        "--desk",
        required=True,
        choices=desk_codes(),
        help=QCoreApplication.translate("deskctl", "which desk this computer serves"),
    )
    p.add_argument(
        "--admin",
        required=True,
        metavar="LOGIN",
        help=QCoreApplication.translate("deskctl", "login of the first administrator"),
    )
    p.add_argument(
        "--display-name",
        default="",
        metavar=QCoreApplication.translate("deskctl", "NAME"),
        help=QCoreApplication.translate("deskctl", "the administrator's name as shown"),
    )

    command(
        commands,
        "verify",
        QCoreApplication.translate(
            "deskctl", "check every page, the structure, foreign keys and the audit trail"
        ),
        cmd_verify,
    )

    p = command(
        commands,
        "backup",
        QCoreApplication.translate("deskctl", "write an encrypted backup"),
        cmd_backup,
    )
    p.add_argument(
        "--to",
        required=True,
        metavar="PATH",
        help=QCoreApplication.translate(
            "deskctl", "backup file to create (or an existing folder to put it in)"
        ),
    )

    p = command(
        commands,
        "restore",
        QCoreApplication.translate(
            "deskctl", "replace the store with a backup (close ARCO Desk first)"
        ),
        cmd_restore,
    )
    p.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="PATH",
        help=QCoreApplication.translate(
            "deskctl", "the backup file (its .keys.json must be beside it)"
        ),
    )

    p = command(
        commands,
        "rekey",
        QCoreApplication.translate(
            "deskctl",
            "re-encrypt the database with a new key (every active operator keeps their "
            "password; old key files stop working)",
        ),
        cmd_rekey,
    )
    _rekey_options(p, with_flag=False)
    p = command(
        commands,
        "offline-days",
        QCoreApplication.translate(
            "deskctl",
            "show or set how many days this desk may go without synchronising before only "
            "administrators can unlock it",
        ),
        cmd_offline_days,
    )
    p.add_argument("days", metavar="DAYS", type=int, nargs="?")

    p = command(
        commands,
        "export-person",
        QCoreApplication.translate("deskctl", "export all data about one person (JSON)"),
        cmd_export_person,
    )
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=QCoreApplication.translate("deskctl", "new file to write (never overwritten)"),
    )

    p = command(
        commands,
        "erase-person",
        QCoreApplication.translate("deskctl", "erase one person's data (cannot be undone)"),
        cmd_erase_person,
    )
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument(
        "--yes", action="store_true", help=QCoreApplication.translate("deskctl", "confirm")
    )

    p = command(
        commands,
        "enroll",
        QCoreApplication.translate("deskctl", "enrol this desk with the central server"),
        cmd_enroll,
    )
    p.add_argument("--server", required=True, metavar="URL")
    p.add_argument("--code", required=True, metavar="CODE")
    p.add_argument("--ca-bundle", metavar="FILE")
    p.add_argument("--device-name", default="", metavar="NAME")
    p.add_argument(
        "--allow-http",
        action="store_true",
        help=QCoreApplication.translate("deskctl", "allow plain HTTP to another computer"),
    )
    command(
        commands,
        "sync",
        QCoreApplication.translate("deskctl", "one sync cycle with the central server"),
        cmd_sync,
    )

    p = command(
        commands,
        "purge",
        QCoreApplication.translate(
            "deskctl", "erase the people whose records are past the retention period"
        ),
        cmd_purge,
    )
    p.add_argument(
        "--years",
        type=_positive_years,
        default=5,
        metavar="N",
        help=QCoreApplication.translate("deskctl", "retention period in years (default: 5)"),
    )
    p.add_argument(
        "--yes", action="store_true", help=QCoreApplication.translate("deskctl", "confirm")
    )

    operator = commands.add_parser(
        "operator",
        parents=[common],
        help=QCoreApplication.translate("deskctl", "manage the operators of this desk"),
    )
    ops = operator.add_subparsers(dest="operator_command", metavar="ACTION", required=True)
    p = command(
        ops, "add", QCoreApplication.translate("deskctl", "add an operator"), cmd_operator_add
    )
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument(
        "--display-name",
        default="",
        metavar=QCoreApplication.translate("deskctl", "NAME"),
        help=QCoreApplication.translate("deskctl", "the operator's name as shown"),
    )
    p = command(
        ops,
        "passwd",
        QCoreApplication.translate(
            "deskctl", "set a new password (your own, or anyone's as administrator)"
        ),
        cmd_operator_passwd,
    )
    p.add_argument("login", metavar="LOGIN")
    way = p.add_mutually_exclusive_group()
    way.add_argument(
        "--recovery-key-stdin",
        action="store_true",
        help=QCoreApplication.translate(
            "deskctl",
            "reset with the desk's recovery key, read from the first line of standard input",
        ),
    )
    way.add_argument(
        "--use-recovery-key",
        action="store_true",
        help=QCoreApplication.translate(
            "deskctl", "reset with the desk's recovery key, asked at the terminal"
        ),
    )
    _rekey_options(p, with_flag=True)
    p = command(
        ops,
        "disable",
        QCoreApplication.translate("deskctl", "stop an operator from signing in"),
        cmd_operator_disable,
    )
    p.add_argument("login", metavar="LOGIN")
    _rekey_options(p, with_flag=True)
    command(
        ops,
        "list",
        QCoreApplication.translate("deskctl", "list the operators"),
        cmd_operator_list,
    )
    return parser


def _rekey_options(p: argparse.ArgumentParser, with_flag: bool) -> None:
    if with_flag:
        p.add_argument(
            "--rekey",
            action="store_true",
            help=QCoreApplication.translate(
                "deskctl",
                "then re-encrypt the database, so that old copies of the key file stop "
                "working (everyone keeps their password)",
            ),
        )
    p.add_argument(
        "--keep-recovery-key",
        action="store_true",
        help=QCoreApplication.translate(
            "deskctl",
            "keep the recovery key when re-encrypting (only if nobody leaving has seen it)",
        ),
    )


def _language_option(argv: Sequence[str]) -> str | None:
    """``--lang`` read ahead of parsing, so help and errors are already translated."""
    for i, item in enumerate(argv):
        if item == "--":
            break
        if item == "--lang" and i + 1 < len(argv):
            return normalize(argv[i + 1])
        if item.startswith("--lang="):
            return normalize(item.partition("=")[2])
    return None


class _NoTraceback(logging.Formatter):
    """Log lines without tracebacks: they may hold values from personal records."""

    def formatException(self, ei: Any) -> str:
        return ""

    def formatStack(self, stack_info: str) -> str:
        return ""


def _setup_logging(err: IO[str]) -> None:
    """Warnings to stderr without tracebacks (unless the host process set up logging)."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(err)
    handler.setFormatter(_NoTraceback(f"{PROG}: %(levelname)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.WARNING)


def _qt_app() -> QCoreApplication:
    global _app
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    _app = QCoreApplication([PROG])
    return _app


# ===================================================================== main
def main(
    argv: Sequence[str] | None = None,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    if argv is None:  # the program itself (tests call main() in-process with argv)
        disable_core_dumps()  # before anything can hold a password or the key
    argv = list(sys.argv[1:] if argv is None else argv)
    stdin = sys.stdin if stdin is None else stdin
    out = sys.stdout if stdout is None else stdout
    err = sys.stderr if stderr is None else stderr
    _setup_logging(err)
    install_translator(_qt_app(), _language_option(argv) or language_from_env())
    ctx: Context | None = None
    try:
        args = build_parser().parse_args(argv)
        data_dir = Path(getattr(args, "data_dir", None) or default_data_dir()).expanduser()
        ctx = Context(
            args=args,
            data_dir=data_dir,
            out=out,
            err=err,
            secrets=Secrets(
                stdin,
                password_stdin=bool(getattr(args, "password_stdin", False)),
                recovery_key_stdin=bool(getattr(args, "recovery_key_stdin", False)),
            ),
        )
        code: int = args.run(ctx)
        return code
    except UsageError as exc:
        print(str(exc), file=err)
        return EXIT_USAGE
    except FolderInUse:
        print(
            QCoreApplication.translate(
                "deskctl",
                "ARCO Desk, or another arco-deskctl command, is using this data folder. "
                "Close it, then try again.",
            ),
            file=err,
        )
        print(
            _arg(
                QCoreApplication.translate("deskctl", "Data folder: %1"),
                ctx.data_dir if ctx else "",
            ),
            file=err,
        )
        return EXIT_ERROR
    except SyncFailed as exc:
        print(str(exc), file=err)
        return EXIT_ERROR
    except CommandUnavailable:
        print(
            QCoreApplication.translate(
                "deskctl", "This command is not available in this version of ARCO Desk."
            ),
            file=err,
        )
        return EXIT_ERROR
    except KeyboardInterrupt as exc:
        print(file=err)
        print(message_for(exc), file=err)
        return EXIT_INTERRUPTED
    except Exception as exc:
        print(message_for(exc, recovery_key=bool(ctx and ctx.recovery_key)), file=err)
        if ctx is not None and isinstance(exc, _WHERE_ERRORS):
            print(
                _arg(QCoreApplication.translate("deskctl", "Data folder: %1"), ctx.data_dir),
                file=err,
            )
        return exit_code_for(exc)


if __name__ == "__main__":
    sys.exit(main())
