"""``arco-central``: run the central sync server and administer it.

    arco-central serve --data-dir D [--host 127.0.0.1] [--port 8765]
    arco-central desk add CODE --name NAME --municipio N --host HOST --prefix P
    arco-central code DESK [--hours 24]             one-time enrolment code
    arco-central devices | revoke DEVICE [--wipe]
    arco-central user add LOGIN --role mwc_staff|coordinator [--service CODE …]
    arco-central user disable LOGIN | user enable LOGIN
    arco-central catalog publish FILE.json
    arco-central referrals [--status S] --as LOGIN | referral NUMBER STATUS --as LOGIN
    arco-central audit [--limit N] [--action A]      the server's audit trail
    arco-central target [--people N] [--start YYYY-MM] [--months N]
                                                    the ARCO target of the city-wide
                                                    indicators (shown, or set)

The database is SQLite in ``--data-dir`` unless ``--database-url`` (or the environment
variable ``ARCO_CENTRAL_DATABASE_URL``) names another, e.g. PostgreSQL. Passwords are read
from the terminal or, with ``--password-stdin``, from standard input; never from the
command line. Exit codes (the table of all three programs, ``models.exit_codes``): 0 done,
1 refused (message on stderr), 2 usage error (also plain HTTP off loopback without
``--insecure-http``), 4 sign-in refused (``--as`` with a wrong password, an unknown login or
a disabled user).
"""

from __future__ import annotations

import argparse
import getpass
import os
import socket
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from models import heap
from models.errors import ValidationFailed
from models.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_SIGN_IN_REFUSED, EXIT_USAGE
from models.indicators import Target
from sync.protocol import StatusUpdate
from sync.server import admin, anchors, audit, indicator_facts, indicators, referrals, throttle
from sync.server.credentials import staff_for
from sync.server.database import make_engine, migrate, session_factory, sqlite_url
from sync.server.errors import Refused, Unauthorised
from sync.server.schema import StaffUser
from sync.transport import is_loopback

URL_ENV = "ARCO_CENTRAL_DATABASE_URL"
DEFAULT_DATA = Path.home() / ".local" / "share" / "ARCO" / "central"


def database_url(args: argparse.Namespace) -> str:
    url = args.database_url or os.environ.get(URL_ENV)
    if url:
        return str(url)
    data_dir = Path(args.data_dir).expanduser()
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    return sqlite_url(data_dir)


def open_database(url: str) -> Engine:
    """Engine with the schema migrated and the first-run data in place."""
    engine = make_engine(url)
    migrate(engine)
    with session_factory(engine).begin() as session:
        admin.initialise(session)
        indicator_facts.backfill(session)  # once: people erased before the indicators
    return engine


def app_from_environment() -> Any:
    """Factory for ``uvicorn --factory`` with several workers (reads ``URL_ENV``)."""
    from sync.server.api import create_app

    app = create_app(make_engine(os.environ[URL_ENV]))
    heap.settle()  # a worker process: the application is built and lives as long as it
    return app


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    throttle.policy()  # a malformed ARCO_CENTRAL_THROTTLE fails here, not at sign-in
    url = database_url(args)
    engine = open_database(url)
    tls = {"ssl_certfile": args.tls_cert, "ssl_keyfile": args.tls_key} if args.tls_cert else {}
    if not tls and not is_loopback(args.host) and not args.insecure_http:
        print(
            "Refusing plain HTTP on a non-loopback address: give --tls-cert/--tls-key "
            "(or --insecure-http behind a TLS proxy).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    log_level = "warning" if args.quiet else "info"
    if args.workers > 1:
        os.environ[URL_ENV] = url
        engine.dispose()
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config(
            "sync.server.cli:app_from_environment",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level=log_level,
            access_log=False,
            timeout_worker_healthcheck=60,  # a worker busy under load is not hung
            **tls,
        )
        # What uvicorn.run does for workers, plus TCP_NODELAY on the listening socket (Linux
        # passes it on to accepted connections): uvicorn's socket is not marked as TCP, so
        # asyncio leaves Nagle on and every request on a kept-alive connection waited ~40 ms
        # for the client's delayed ACK.
        sock = config.bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        Multiprocess(config, sockets=[sock]).run()
        return EXIT_OK
    from sync.server.api import create_app

    app = create_app(engine)
    heap.settle()
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=log_level,
        access_log=False,  # request lines carry referral numbers in paths
        **tls,
    )
    return EXIT_OK


def _password(args: argparse.Namespace, prompt: str) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("Again: ") != first:
        raise Refused("password_mismatch", "the two passwords differ")
    return first


def _staff(session: Session, args: argparse.Namespace) -> StaffUser:
    password = (
        sys.stdin.readline().rstrip("\n")
        if args.password_stdin
        else getpass.getpass(f"Password of {args.login}: ")
    )
    return staff_for(session, args.login, password)


def _in_session(args: argparse.Namespace, work: Callable[[Session], int]) -> int:
    engine = open_database(database_url(args))
    try:
        with session_factory(engine).begin() as session:
            return work(session)
    finally:
        engine.dispose()


def run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "serve":
        return serve(args)

    def work(session: Session) -> int:
        if command == "desk":
            admin.add_desk(
                session,
                {
                    "code": args.code,
                    "name": args.name,
                    "municipio": args.municipio,
                    "host": args.host_org,
                    "address": args.address,
                    "referral_prefix": args.prefix,
                },
            )
            print(f"Desk {args.code} created.")
        elif command == "code":
            code = admin.issue_code(session, args.desk, args.hours)
            print(code)
        elif command == "devices":
            for d in admin.devices(session):
                state = "wipe" if d.wipe else "revoked" if d.revoked_at else "active"
                seen = d.last_seen_at.isoformat(timespec="seconds") if d.last_seen_at else "-"
                print(f"{d.id}  {d.desk:8} {state:8} last seen {seen}  {d.name}")
        elif command == "revoke":
            device = admin.revoke(session, args.device, args.wipe)
            audit.record(
                session, audit.ADMIN, "cli", "device_wiped" if args.wipe else "device_revoked",
                desk=device.desk, entity="devices", record_id=device.id,
            )  # fmt: skip
            print(f"Device {device.id} revoked{' and marked for wipe' if device.wipe else ''}.")
        elif command == "user" and args.action == "add":
            password = _password(args, f"New password for {args.login}: ")
            admin.add_user(session, args.login, args.role, password, args.service or [], args.name)
            print(f"User {args.login} created.")
        elif command == "user":
            enable = args.action == "enable"
            admin.set_active(session, args.login, enable)
            print(f"User {args.login} {'enabled' if enable else 'disabled'}.")
        elif command == "catalog":
            changed = admin.publish_catalog(session, Path(args.file))
            print(f"{changed} services added or updated.")
        elif command == "referrals":
            for r in referrals.listing(session, _staff(session, args), args.status):
                print(f"{r.number:20} {r.status:16} {r.target_service:28} {r.from_desk}")
        elif command == "referral":
            update = StatusUpdate(
                status=args.status,
                note=args.note,
                appointment_at=datetime.fromisoformat(args.at) if args.at else None,
                appointment_place=args.place,
            )
            r = referrals.change_status(session, _staff(session, args), args.number, update)
            print(f"Referral {r.number} is now {r.status}.")
        elif command == "anchors":
            if args.clear:
                anchors.clear(session, args.clear, audit.ADMIN, "cli")
                print(f"Audit flag of device {args.clear} cleared.")
                return EXIT_OK
            for a in anchors.listing(session, args.flagged):
                at = a.flagged_at.isoformat(timespec="seconds") if a.flagged_at else "-"
                print(
                    f"{a.device_id}  {a.desk:8} events {a.length:<8} "
                    f"{a.flag or 'ok':10} flagged {a.flags}x, last {at}"
                )
        elif command == "target":
            goal = indicators.read_target(session)
            if args.people is not None or args.start or args.months is not None:
                try:
                    start = date.fromisoformat(args.start + "-01") if args.start else None
                except ValueError:
                    raise ValueError("--start is a month: YYYY-MM") from None
                wanted = Target(
                    people=goal.people if args.people is None else args.people,
                    start=start or goal.start,
                    months=goal.months if args.months is None else args.months,
                )
                try:
                    goal = indicators.write_target(session, wanted)
                except ValidationFailed as exc:
                    raise ValueError(f"{exc.field}: {exc.reason.replace('_', ' ')}") from None
            print(
                f"Target: {goal.people} third-country nationals in {goal.months} months "
                f"from {goal.start:%Y-%m} to {goal.end:%Y-%m-%d}."
            )
        elif command == "audit":
            for e in audit.events(session, args.limit, args.action):
                at = e.at.isoformat(timespec="seconds")
                print(
                    f"{at}  {e.actor_kind:6} {e.actor:36} {e.desk:18} {e.action:22} "
                    f"{e.entity:16} {e.record_id} {e.detail}".rstrip()
                )
        return EXIT_OK

    return _in_session(args, work)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="arco-central", description="ARCO central sync server")
    p.add_argument("--data-dir", default=str(DEFAULT_DATA), help="folder of the SQLite database")
    p.add_argument("--database-url", help="SQLAlchemy URL, e.g. postgresql+psycopg://…")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("serve", help="run the HTTP API")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--workers", type=int, default=1)
    s.add_argument("--tls-cert")
    s.add_argument("--tls-key")
    s.add_argument("--insecure-http", action="store_true", help="allow plain HTTP off loopback")
    s.add_argument("--quiet", action="store_true")

    d = sub.add_parser("desk", help="create a desk")
    d.add_argument("action", choices=["add"])
    d.add_argument("code")
    d.add_argument("--name", required=True)
    d.add_argument("--municipio", type=int, required=True)
    d.add_argument("--host", dest="host_org", required=True, help="hosting organisation")
    d.add_argument("--address", default="")
    d.add_argument("--prefix", required=True, help="referral number prefix")

    c = sub.add_parser("code", help="issue a one-time enrolment code for a desk")
    c.add_argument("desk")
    c.add_argument("--hours", type=int, default=24)

    sub.add_parser("devices", help="list enrolled devices")
    r = sub.add_parser("revoke", help="revoke a device")
    r.add_argument("device")
    r.add_argument("--wipe", action="store_true", help="the desk erases its data at next contact")

    u = sub.add_parser("user", help="create, disable or enable a central user")
    u.add_argument("action", choices=["add", "disable", "enable"])
    u.add_argument("login")
    u.add_argument("--role", choices=admin.ROLES, help="needed by add")
    u.add_argument("--service", action="append", help="service code (MWC staff); repeatable")
    u.add_argument("--name", default="")
    u.add_argument("--password-stdin", action="store_true")

    k = sub.add_parser("catalog", help="publish service catalog updates")
    k.add_argument("action", choices=["publish"])
    k.add_argument("file")

    ls = sub.add_parser("referrals", help="referrals addressed to your services")
    ls.add_argument("--as", dest="login", required=True)
    ls.add_argument("--status")
    ls.add_argument("--password-stdin", action="store_true")

    st = sub.add_parser("referral", help="change the status of a referral")
    st.add_argument("number")
    st.add_argument(
        "status", choices=["accepted", "appointment_set", "completed", "declined", "no_show"]
    )
    st.add_argument("--as", dest="login", required=True)
    st.add_argument("--note", default="")
    st.add_argument("--at", help="appointment date and time, e.g. 2026-12-01T10:30")
    st.add_argument("--place", default="")
    st.add_argument("--password-stdin", action="store_true")

    an = sub.add_parser("anchors", help="desk audit chains anchored here, and their flags")
    an.add_argument("--flagged", action="store_true", help="only devices with an open flag")
    an.add_argument("--clear", metavar="DEVICE", help="close the open flag of a device")

    t = sub.add_parser("target", help="the ARCO target of the city-wide indicators")
    t.add_argument("--people", type=int, help="third-country nationals to reach")
    t.add_argument("--start", help="first month of the project, YYYY-MM")
    t.add_argument("--months", type=int, help="months the project lasts")

    a = sub.add_parser("audit", help="the server's audit trail, newest first")
    a.add_argument("--limit", type=int, default=200)
    a.add_argument("--action", help="only events of this action, e.g. merge_done")
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.command == "user" and args.action == "add" and not args.role:
        p.error("user add needs --role")
    try:
        return run(args)
    except Refused as exc:
        print(f"arco-central: {exc.message}", file=sys.stderr)
        return EXIT_SIGN_IN_REFUSED if isinstance(exc, Unauthorised) else EXIT_FAILED
    except (ValueError, OSError) as exc:
        print(f"arco-central: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
