"""``arco-deskctl`` commands on the store as a whole: ``init``, ``verify``, ``backup``,
``restore``, ``rekey`` and ``offline-days``; also the re-encryption that ``operator passwd``
and ``operator disable`` may end with (``--rekey``)."""

from __future__ import annotations

import argparse
import errno
import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.deskctl.context import (
    Command,
    Context,
    Counts,
    display_name_option,
    exclusive,
    exists_error,
    print_recovery_key,
    unlocked,
)
from models import backup_copies, backups
from models import errors as e
from models.clock import utcnow
from models.exit_codes import EXIT_INTEGRITY, EXIT_OK
from models.reference import desk_codes
from models.store import OpenStore, check_login
from ui.i18n import arg as _arg
from ui.vocabulary import journal_problem_label, key_file_problem_label


# ===================================================================== commands
def cmd_init(ctx: Context) -> int:
    args = ctx.args
    files = ctx.files
    if files.exists():
        raise e.StoreExists("a desk store already exists in this folder")
    check_login(args.admin)
    password = ctx.secrets.new_password(args.admin)
    with exclusive(ctx, create=True):
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
            print_recovery_key(ctx, created.recovery_key)
        finally:
            backups.backup_then_lock(created.store)
    return EXIT_OK


def _problem_lines(ctx: Context, problems: Sequence[str]) -> None:
    for problem in problems[:10]:
        ctx.say(f"    {problem}")
    if len(problems) > 10:
        ctx.say("    …")


def cmd_verify(ctx: Context) -> int:
    with unlocked(ctx, changes_data=False) as (store, _):
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


def cmd_backup(ctx: Context) -> int:
    dest = Path(ctx.args.to).expanduser()
    if dest.is_dir():
        dest = dest / f"desk-{utcnow().strftime(backup_copies.STAMP)}.db"
    for path in (dest, backup_copies.keys_path(dest)):
        if path.exists():
            raise exists_error(path)
    with unlocked(ctx, changes_data=False) as (store, _):
        written = store.backup_to(dest)
    ctx.say(_arg(QCoreApplication.translate("deskctl", "Backup written: %1"), written))
    ctx.say(
        _arg(
            QCoreApplication.translate("deskctl", "Its key file: %1"),
            backup_copies.keys_path(written),
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
    for path in (source, backup_copies.keys_path(source)):
        if not path.is_file():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path))
    login = ctx.operator()
    password = ctx.secrets.password(login)
    with exclusive(ctx, create=True):
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
    with unlocked(ctx, changes_data=True) as (store, password):
        reencrypt(ctx, store, password, not ctx.args.keep_recovery_key)
    return EXIT_OK


def reencrypt(ctx: Context, store: OpenStore, password: str, new_recovery_key: bool) -> None:
    """Re-encrypt under a new key sealed to every active operator, and say what changed."""
    key, dropped = store.rekey(password, new_recovery_key=new_recovery_key)
    ctx.say(
        QCoreApplication.translate("deskctl", "The database has been re-encrypted with a new key.")
    )
    if key is not None:
        print_recovery_key(ctx, key)
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


def cmd_offline_days(ctx: Context) -> int:
    days = ctx.args.days
    with unlocked(ctx, changes_data=days is not None) as (store, _):
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


# ===================================================================== arguments
def _init_arguments(p: argparse.ArgumentParser) -> None:
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
    display_name_option(
        p, QCoreApplication.translate("deskctl", "the administrator's name as shown")
    )


def _backup_arguments(p: argparse.ArgumentParser) -> None:
    help_text = QCoreApplication.translate(
        "deskctl", "backup file to create (or an existing folder to put it in)"
    )
    p.add_argument("--to", required=True, metavar="PATH", help=help_text)


def _restore_arguments(p: argparse.ArgumentParser) -> None:
    help_text = QCoreApplication.translate(
        "deskctl", "the backup file (its .keys.json must be beside it)"
    )
    p.add_argument("--from", dest="source", required=True, metavar="PATH", help=help_text)


def keep_recovery_key_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--keep-recovery-key",
        action="store_true",
        help=QCoreApplication.translate(
            "deskctl",
            "keep the recovery key when re-encrypting (only if nobody leaving has seen it)",
        ),
    )


def rekey_options(p: argparse.ArgumentParser) -> None:
    """``--rekey [--keep-recovery-key]``, for the commands that may end with a rekey."""
    p.add_argument(
        "--rekey",
        action="store_true",
        help=QCoreApplication.translate(
            "deskctl",
            "then re-encrypt the database, so that old copies of the key file stop "
            "working (everyone keeps their password)",
        ),
    )
    keep_recovery_key_option(p)


def _offline_days_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("days", metavar="DAYS", type=int, nargs="?")


def commands() -> list[Command]:
    return [
        Command(
            "init",
            QCoreApplication.translate(
                "deskctl", "create the desk store and its first administrator"
            ),
            cmd_init,
            _init_arguments,
        ),
        Command(
            "verify",
            QCoreApplication.translate(
                "deskctl", "check every page, the structure, foreign keys and the audit trail"
            ),
            cmd_verify,
        ),
        Command(
            "backup",
            QCoreApplication.translate("deskctl", "write an encrypted backup"),
            cmd_backup,
            _backup_arguments,
        ),
        Command(
            "restore",
            QCoreApplication.translate(
                "deskctl", "replace the store with a backup (close ARCO Desk first)"
            ),
            cmd_restore,
            _restore_arguments,
        ),
        Command(
            "rekey",
            QCoreApplication.translate(
                "deskctl",
                "re-encrypt the database with a new key (every active operator keeps their "
                "password; old key files stop working)",
            ),
            cmd_rekey,
            keep_recovery_key_option,
        ),
        Command(
            "offline-days",
            QCoreApplication.translate(
                "deskctl",
                "show or set how many days this desk may go without synchronising before only "
                "administrators can unlock it",
            ),
            cmd_offline_days,
            _offline_days_arguments,
        ),
    ]
