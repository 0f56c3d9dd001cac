"""``arco-deskctl enroll`` and ``sync``: this desk and the central server."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QCoreApplication

from desktop.deskctl.context import Command, Context, SyncFailed, unlocked
from models import heap
from models.exit_codes import EXIT_OK
from ui.i18n import arg as _arg


# ===================================================================== commands
def cmd_enroll(ctx: Context) -> int:
    from sync import enrolment
    from sync.transport import InsecureServer, ServerRefused, TransportError
    from ui.sync_messages import error_text

    with unlocked(ctx, changes_data=True) as (store, _):
        try:
            device = enrolment.enrol(
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
    from ui.sync_messages import error_text, progress_text

    def show(progress: client.Progress) -> None:
        # on stderr, one line a batch or page: stdout keeps the summary alone
        print(progress_text(progress), file=ctx.err, flush=True)

    with unlocked(ctx, changes_data=True) as (store, _):
        heap.settle()  # as the desk app does once started: a bulk sync allocates a lot
        runner = client.SyncClient(store, on_progress=show)
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


# ===================================================================== arguments
def _enroll_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--server", required=True, metavar="URL")
    p.add_argument("--code", required=True, metavar="CODE")
    p.add_argument("--ca-bundle", metavar="FILE")
    p.add_argument("--device-name", default="", metavar="NAME")
    p.add_argument(
        "--allow-http",
        action="store_true",
        help=QCoreApplication.translate("deskctl", "allow plain HTTP to another computer"),
    )


def commands() -> list[Command]:
    return [
        Command(
            "enroll",
            QCoreApplication.translate("deskctl", "enrol this desk with the central server"),
            cmd_enroll,
            _enroll_arguments,
        ),
        Command(
            "sync",
            QCoreApplication.translate("deskctl", "one sync cycle with the central server"),
            cmd_sync,
        ),
    ]
