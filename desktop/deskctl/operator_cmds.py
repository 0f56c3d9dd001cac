"""``arco-deskctl operator add|passwd|disable|list``: the operators of this desk."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QCoreApplication

from desktop.deskctl.context import Command, Context, display_name_option, exclusive, unlocked
from desktop.deskctl.store_cmds import reencrypt, rekey_options
from models.exit_codes import EXIT_OK
from models.roles import ROLES
from models.store import check_login
from ui.i18n import arg as _arg
from ui.vocabulary import role_label


# ===================================================================== commands
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
    with unlocked(ctx, changes_data=True) as (store, _):
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
        with exclusive(ctx):
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
    with unlocked(ctx, changes_data=True) as (store, password):
        new_password = ctx.secrets.new_password(login)
        store.set_password(login, new_password)
        ctx.say(
            _arg(QCoreApplication.translate("deskctl", "The password of %1 was changed."), login)
        )
        if args.rekey:
            # The acting operator's own password may be the one just changed.
            current = new_password if login == store.actor.login else password
            reencrypt(ctx, store, current, not args.keep_recovery_key)
        else:
            _suggest_rekey(ctx, login)
    return EXIT_OK


def cmd_operator_disable(ctx: Context) -> int:
    args = ctx.args
    with unlocked(ctx, changes_data=True) as (store, password):
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
            reencrypt(ctx, store, password, not args.keep_recovery_key)
        else:
            _suggest_rekey(ctx, args.login)
    return EXIT_OK


def cmd_operator_list(ctx: Context) -> int:
    with unlocked(ctx, changes_data=False) as (store, _):
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


# ===================================================================== arguments
def _login_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("login", metavar="LOGIN")


def _add_arguments(p: argparse.ArgumentParser) -> None:
    _login_argument(p)
    p.add_argument("--role", required=True, choices=ROLES)
    display_name_option(p, QCoreApplication.translate("deskctl", "the operator's name as shown"))


def _passwd_arguments(p: argparse.ArgumentParser) -> None:
    _login_argument(p)
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
    rekey_options(p)


def _disable_arguments(p: argparse.ArgumentParser) -> None:
    _login_argument(p)
    rekey_options(p)


def commands() -> list[Command]:
    actions = (
        Command(
            "add",
            QCoreApplication.translate("deskctl", "add an operator"),
            cmd_operator_add,
            _add_arguments,
        ),
        Command(
            "passwd",
            QCoreApplication.translate(
                "deskctl", "set a new password (your own, or anyone's as administrator)"
            ),
            cmd_operator_passwd,
            _passwd_arguments,
        ),
        Command(
            "disable",
            QCoreApplication.translate("deskctl", "stop an operator from signing in"),
            cmd_operator_disable,
            _disable_arguments,
        ),
        Command(
            "list",
            QCoreApplication.translate("deskctl", "list the operators"),
            cmd_operator_list,
        ),
    )
    return [
        Command(
            "operator",
            QCoreApplication.translate("deskctl", "manage the operators of this desk"),
            actions=actions,
        )
    ]
