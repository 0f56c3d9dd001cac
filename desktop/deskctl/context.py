"""What every ``arco-deskctl`` command shares: the context it runs in, how secrets are read,
the unlocked store and the folder lock, the table a command is declared in, and how an error
becomes a message and an exit code (``models.exit_codes``)."""

from __future__ import annotations

import argparse
import contextlib
import errno
import getpass
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from PySide6.QtCore import QCoreApplication, QObject

from desktop import instance
from models import errors as e
from models.backups import backup_then_lock
from models.exit_codes import (
    EXIT_FAILED,
    EXIT_IN_USE,
    EXIT_INTEGRITY,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_SIGN_IN_REFUSED,
    EXIT_USAGE,
)
from models.store import DeskStore, OpenStore
from ui.errors import message_for
from ui.i18n import arg as _arg

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


class UsageError(Exception):
    """A problem with how the command was called; the message is already translated."""


class FolderInUse(Exception):
    """Another program holds the data folder's instance lock."""


class CommandUnavailable(Exception):
    """The command needs a part of the core this build does not have."""


class SyncFailed(Exception):
    """Enrolment or sync did not succeed; the message is already translated."""


# ===================================================================== errors
def exit_code_for(exc: BaseException) -> int:
    if isinstance(exc, UsageError):
        return EXIT_USAGE
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, FolderInUse):
        return EXIT_IN_USE
    if isinstance(exc, _AUTH_ERRORS):
        return EXIT_SIGN_IN_REFUSED
    if isinstance(exc, _INTEGRITY_ERRORS):
        return EXIT_INTEGRITY
    if isinstance(exc, e.ArcoError | OSError | SyncFailed | CommandUnavailable):
        return EXIT_FAILED
    return EXIT_INTERNAL


def _print_data_folder(err: IO[str], data_dir: Path | str) -> None:
    print(_arg(QCoreApplication.translate("deskctl", "Data folder: %1"), data_dir), file=err)


def report_failure(exc: BaseException, ctx: Context | None, err: IO[str]) -> int:
    """Say on ``err`` what went wrong, in the operator's language and without a traceback;
    return the exit code for it."""
    if isinstance(exc, UsageError | SyncFailed):
        print(str(exc), file=err)
    elif isinstance(exc, FolderInUse):
        print(
            QCoreApplication.translate(
                "deskctl",
                "ARCO Desk, or another arco-deskctl command, is using this data folder. "
                "Close it, then try again.",
            ),
            file=err,
        )
        _print_data_folder(err, ctx.data_dir if ctx else "")
    elif isinstance(exc, CommandUnavailable):
        print(
            QCoreApplication.translate(
                "deskctl", "This command is not available in this version of ARCO Desk."
            ),
            file=err,
        )
    elif isinstance(exc, KeyboardInterrupt):
        print(file=err)
        print(message_for(exc), file=err)
    else:
        print(message_for(exc, recovery_key=bool(ctx and ctx.recovery_key)), file=err)
        if ctx is not None and isinstance(exc, _WHERE_ERRORS):
            _print_data_folder(err, ctx.data_dir)
    return exit_code_for(exc)


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
def exclusive(ctx: Context, create: bool = False) -> Iterator[None]:
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
def unlocked(ctx: Context, changes_data: bool) -> Iterator[tuple[OpenStore, str]]:
    """The store unlocked for one command, locked again however the command ends.

    Commands that change data hold the folder lock and take a rolling backup at the end.
    """
    with exclusive(ctx) if changes_data else contextlib.nullcontext():
        store, password = ctx.unlock()
        try:
            yield store, password
        finally:
            if changes_data:
                backup_then_lock(store)
            else:
                store.lock()


def confirmed(ctx: Context, text: str) -> None:
    if not getattr(ctx.args, "yes", False):
        raise UsageError(text)


def exists_error(path: Path) -> FileExistsError:
    return FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


# ===================================================================== printing
def print_recovery_key(ctx: Context, key: str) -> None:
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


# ===================================================================== command table
def display_name_option(p: argparse.ArgumentParser, help_text: str) -> None:
    """``--display-name NAME`` (``init``, ``operator add``)."""
    p.add_argument(
        "--display-name",
        default="",
        metavar=QCoreApplication.translate("deskctl", "NAME"),
        help=help_text,
    )


@dataclass(frozen=True)
class Command:
    """One row of the command table ``desktop.deskctl.cli`` builds the parser from.

    A command has a handler (``run``) and may add its own arguments; a group (``operator``)
    has no handler, only ``actions``, its subcommands. ``help`` is already translated: the
    tables are built by functions called after the translator is installed.
    """

    name: str
    help: str
    run: Callable[[Context], int] | None = None
    arguments: Callable[[argparse.ArgumentParser], None] | None = None
    actions: Sequence[Command] = ()
