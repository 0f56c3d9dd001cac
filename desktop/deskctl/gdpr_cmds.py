"""``arco-deskctl export-person``, ``erase-person`` and ``purge``: the GDPR rights of access
and erasure, and the retention period."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.deskctl.context import (
    Command,
    CommandUnavailable,
    Context,
    Counts,
    confirmed,
    exists_error,
    unlocked,
)
from models.clock import utcnow
from models.exit_codes import EXIT_OK
from models.private_files import write_private
from models.store import OpenStore
from ui.i18n import arg as _arg


# ===================================================================== commands
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
        raise exists_error(out)
    with unlocked(ctx, changes_data=False) as (store, _), store.session() as session:
        data: bytes = gdpr.export_json(session, store.actor, ctx.args.person_id)
    try:
        write_private(out, data)
    except FileExistsError:  # created meanwhile: still never overwritten
        raise exists_error(out) from None
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


@contextlib.contextmanager
def _erasing(ctx: Context, confirmation: str) -> Iterator[tuple[Any, OpenStore]]:
    """After ``--yes`` (else ``confirmation`` as a usage error): ``models.gdpr`` and the store
    unlocked to erase, under the folder lock, with a backup at the end."""
    confirmed(ctx, confirmation)
    gdpr = _gdpr()
    with unlocked(ctx, changes_data=True) as (store, _):
        yield gdpr, store


def cmd_erase_person(ctx: Context) -> int:
    confirmation = QCoreApplication.translate(
        "deskctl",
        "Erasing a person cannot be undone. Repeat the command with --yes to confirm.",
    )
    with _erasing(ctx, confirmation) as (gdpr, store):
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
    confirmation = QCoreApplication.translate(
        "deskctl",
        "Purging erases people for good. Repeat the command with --yes to confirm.",
    )
    with _erasing(ctx, confirmation) as (gdpr, store):
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


def _person_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("person_id", metavar="PERSON_ID")


def _yes_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--yes", action="store_true", help=QCoreApplication.translate("deskctl", "confirm")
    )


def _export_arguments(p: argparse.ArgumentParser) -> None:
    _person_argument(p)
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=QCoreApplication.translate("deskctl", "new file to write (never overwritten)"),
    )


def _erase_arguments(p: argparse.ArgumentParser) -> None:
    _person_argument(p)
    _yes_option(p)


def _purge_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--years",
        type=_positive_years,
        default=5,
        metavar="N",
        help=QCoreApplication.translate("deskctl", "retention period in years (default: 5)"),
    )
    _yes_option(p)


def commands() -> list[Command]:
    return [
        Command(
            "export-person",
            QCoreApplication.translate("deskctl", "export all data about one person (JSON)"),
            cmd_export_person,
            _export_arguments,
        ),
        Command(
            "erase-person",
            QCoreApplication.translate("deskctl", "erase one person's data (cannot be undone)"),
            cmd_erase_person,
            _erase_arguments,
        ),
        Command(
            "purge",
            QCoreApplication.translate(
                "deskctl", "erase the people whose records are past the retention period"
            ),
            cmd_purge,
            _purge_arguments,
        ),
    ]
