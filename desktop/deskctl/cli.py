"""``arco-deskctl``'s parser, built from the command tables of the command modules, and its
entry point ``main``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

from PySide6.QtCore import QCoreApplication

from desktop.deskctl import gdpr_cmds, operator_cmds, store_cmds, sync_cmds
from desktop.deskctl.context import PROG, Command, Context, Secrets, UsageError, report_failure
from desktop.hardening import disable_core_dumps
from desktop.paths import default_data_dir
from ui.i18n import SUPPORTED, install_translator, language_from_env, normalize
from ui.i18n import arg as _arg

# The command tables, in the order of the help (and of the usage in the package docstring).
COMMAND_TABLES: tuple[Callable[[], list[Command]], ...] = (
    store_cmds.commands,
    operator_cmds.commands,
    gdpr_cmds.commands,
    sync_cmds.commands,
)

_app: QCoreApplication | None = None


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


def _add_command(sub: Any, common: _Parser, command: Command) -> None:
    """One row of a command table as a subcommand of ``sub`` (a group: with its actions)."""
    if command.actions:
        group = sub.add_parser(command.name, parents=[common], help=command.help)
        actions = group.add_subparsers(
            dest=f"{command.name}_command", metavar="ACTION", required=True
        )
        for action in command.actions:
            _add_command(actions, common, action)
        return
    p: argparse.ArgumentParser = sub.add_parser(
        command.name, parents=[common], help=command.help, description=command.help
    )
    p.set_defaults(run=command.run)
    if command.arguments is not None:
        command.arguments(p)


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
            "Exit codes: 0 success, 1 other error, 2 usage error, 3 data folder in use, "
            "4 sign-in refused, 5 integrity problem, 6 unexpected error, 130 interrupted.",
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for table in COMMAND_TABLES:
        for command in table():
            _add_command(commands, common, command)
    return parser


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
    except (Exception, KeyboardInterrupt) as exc:
        return report_failure(exc, ctx, err)
